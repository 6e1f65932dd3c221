package dev.orgql.graphiql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An offline GraphiQL at {@code /graphiql}: the page and its scripts and styles all come from the gateway
 * (GraphiQL and React webjars on the classpath), so it works without internet access, and its
 * Content-Security-Policy keeps it that way. micronaut-graphql's own GraphiQL, which loads from a CDN,
 * stays disabled.
 *
 * <p>{@code /graphiql?token=<jwt>} opens with {@code {"Authorization": "Bearer <jwt>"}} in the headers
 * editor (the dev tokens page links that way); the page reads the parameter itself, so the token never
 * goes into server-side HTML.
 *
 * <p>Served only with {@code orgql.graphiql.enabled: true} ({@code ORGQL_GRAPHIQL_ENABLED}): on in dev
 * mode, off by default in production. The page itself holds nothing secret (the schema is public at
 * {@code /graphql/schema.graphql}), but in production it is a developer tool nobody needs by default,
 * and its {@code ?token=} link invites putting tokens into URLs, which proxies and browsers log.
 */
@Controller("/graphiql")
@Requires(property = "orgql.graphiql.enabled", value = "true")
public class GraphiqlController {
    static final String ASSETS_PATH = "/graphiql/assets";

    /** The only files served under {@link #ASSETS_PATH}: name -> classpath resource. Versions follow the pom's webjars. */
    static final Map<String, String> ASSETS = Map.of(
            "graphiql.min.js", "META-INF/resources/webjars/graphiql/2.4.7/graphiql.min.js",
            "graphiql.min.css", "META-INF/resources/webjars/graphiql/2.4.7/graphiql.min.css",
            "react.production.min.js", "META-INF/resources/webjars/react/18.2.0/umd/react.production.min.js",
            "react-dom.production.min.js",
                    "META-INF/resources/webjars/react-dom/18.2.0/umd/react-dom.production.min.js",
            "orgql-graphiql.js", "graphiql/orgql-graphiql.js");

    /** Same origin only; inline styles are GraphiQL's own, fonts and icons are data: URLs inside its CSS. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final MediaType JAVASCRIPT = MediaType.of("text/javascript;charset=utf-8");
    private static final MediaType CSS = MediaType.of("text/css;charset=utf-8");

    private final String page;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    GraphiqlController(@Value("${graphql.path:/graphql}") String graphqlPath, ObjectMapper mapper) {
        String template = new String(read("graphiql/index.html"), StandardCharsets.UTF_8);
        String defaultQuery = new String(read("graphiql/default-query.graphql"), StandardCharsets.UTF_8);
        String config;
        try {
            config = mapper.writeValueAsString(Map.of("graphqlPath", graphqlPath, "defaultQuery", defaultQuery));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Inside <script type="application/json">: no '<' may end the element early.
        this.page = template.replace("{{assets}}", ASSETS_PATH).replace("{{config}}", config.replace("<", "\\u003c"));
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page() {
        return HttpResponse.ok(page)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get("/assets/{name}")
    public HttpResponse<byte[]> asset(@PathVariable String name) {
        String resource = ASSETS.get(name);
        if (resource == null) {
            return HttpResponse.notFound();
        }
        byte[] body = cache.computeIfAbsent(name, n -> read(resource));
        // Vendor files change only with the pom's versions; the page's own script may change on any build.
        String cacheControl = name.startsWith("orgql-") ? "no-cache" : "public, max-age=3600";
        return HttpResponse.ok(body)
                .contentType(name.endsWith(".css") ? CSS : JAVASCRIPT)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, cacheControl);
    }

    private static byte[] read(String resource) {
        try (InputStream in = GraphiqlController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("GraphiQL resource missing from the classpath: " + resource
                        + " (are the graphiql/react/react-dom webjars in the pom at these versions?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
