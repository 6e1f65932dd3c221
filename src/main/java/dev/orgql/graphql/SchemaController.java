package dev.orgql.graphql;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Serves the SDL, the contract clients generate code from. It is the same for every caller and changes
 * only with a deployment, so it may be cached, but revalidated each time ({@code no-cache} with an ETag):
 * code generation after a deployment must see the new schema, and an unchanged one costs a 304.
 */
@Controller
public class SchemaController {
    private final GraphQLFactory.SchemaSource source;
    private final String etag;

    SchemaController(GraphQLFactory.SchemaSource source) {
        this.source = source;
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(source.sdl().getBytes(StandardCharsets.UTF_8));
            this.etag = "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Get("/graphql/schema.graphql")
    @Produces(MediaType.TEXT_PLAIN)
    public HttpResponse<String> schema(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.<String>status(HttpStatus.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        return HttpResponse.ok(source.sdl())
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
