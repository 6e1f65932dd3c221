package dev.orgql.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Refuses, before micronaut-graphql's controller sees them, the requests to {@code /graphql} it would
 * answer in Micronaut's own error shape: a POST whose Content-Type is neither {@code application/json}
 * nor {@code application/graphql} gets 415 (GraphQL over HTTP), a GET without {@code query} gets 400,
 * both with a GraphQL error body like every other answer of the endpoint.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class GraphQLRequestGate {
    /** The GraphQL document itself as a POST body. */
    static final MediaType GRAPHQL = MediaType.of("application/graphql");

    private final String graphqlPath;

    GraphQLRequestGate(@Value("${graphql.path:/graphql}") String graphqlPath) {
        this.graphqlPath = graphqlPath;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        if (!request.getPath().equals(graphqlPath)) {
            return null;
        }
        if (request.getMethod() == HttpMethod.POST) {
            MediaType type = request.getContentType().orElse(null);
            if (type == null || !(sameType(type, MediaType.APPLICATION_JSON_TYPE) || sameType(type, GRAPHQL))) {
                return GraphQLErrorBody.response(
                        request,
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Send GraphQL requests as "
                                + "`Content-Type: application/json` (or `application/graphql`), not "
                                + (type == null ? "without one" : "`" + type.getName() + "`") + ".");
            }
        } else if (request.getMethod() == HttpMethod.GET
                && request.getParameters().get("query") == null
                && request.getParameters().get("extensions") == null) {
            return GraphQLErrorBody.response(
                    request,
                    HttpStatus.BAD_REQUEST,
                    "A GET request to " + graphqlPath
                            + " needs the `query` parameter (or `extensions` with a persisted query's hash).");
        }
        return null;
    }

    /** Type and subtype equal, parameters (charset) aside. */
    static boolean sameType(MediaType a, MediaType b) {
        return a.getType().equalsIgnoreCase(b.getType()) && a.getSubtype().equalsIgnoreCase(b.getSubtype());
    }
}
