package dev.orgql.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on every answer of the gateway, errors included:
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff}, so that no browser reads a JSON answer (which may echo
 *       request text) as HTML or script;</li>
 *   <li>{@code Cache-Control: no-store} on {@code /graphql} and {@code /dev/*}: GraphQL answers hold
 *       one caller's data (and GET queries would otherwise be cacheable by proxies), the dev pages hold
 *       tokens. Other routes set their own ({@code /graphql/schema.graphql}, {@code /graphiql}).</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ResponseHeadersFilter {
    static final String NOSNIFF = "nosniff";
    static final String NO_STORE = "no-store";

    private final String graphqlPath;

    ResponseHeadersFilter(@Value("${graphql.path:/graphql}") String graphqlPath) {
        this.graphqlPath = graphqlPath;
    }

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains("X-Content-Type-Options")) {
            response.header("X-Content-Type-Options", NOSNIFF);
        }
        String path = request.getPath();
        if ((path.equals(graphqlPath) || path.startsWith("/dev/"))
                && !response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }
}
