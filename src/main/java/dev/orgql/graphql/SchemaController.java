package dev.orgql.graphql;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
    private static final MediaType SDL = MediaType.of("text/plain;charset=utf-8");

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

    /**
     * The SDL as text whatever the client's {@code Accept}: code generators and schema tools fetch it with
     * {@code Accept: application/json} or {@code application/graphql} as readily as with {@code *}{@code /*},
     * and a 406 helps none of them (there is one representation).
     */
    @Get(value = "/graphql/schema.graphql", produces = MediaType.ALL)
    public HttpResponse<String> schema(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        if (etag.equals(ifNoneMatch)) {
            return HttpResponse.<String>status(HttpStatus.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        return HttpResponse.ok(source.sdl())
                .contentType(SDL)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
