package dev.orgql.http;

import dev.orgql.graphql.ErrorCode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Map;

/** A response carrying one request error in GraphQL's shape, as every answer of {@code /graphql} has. */
final class GraphQLErrorBody {
    private GraphQLErrorBody() {}

    static MutableHttpResponse<Map<String, Object>> response(HttpStatus status, String message) {
        Map<String, Object> error =
                Map.of("message", message, "extensions", Map.of("code", ErrorCode.BAD_USER_INPUT.name()));
        Map<String, Object> body = Map.of("errors", List.of(error));
        return HttpResponse.<Map<String, Object>>status(status).body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
