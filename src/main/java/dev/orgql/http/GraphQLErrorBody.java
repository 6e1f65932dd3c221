package dev.orgql.http;

import dev.orgql.graphql.ErrorCode;
import dev.orgql.graphql.RequestFacts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A response carrying one request error in GraphQL's shape, as every answer of {@code /graphql} has. */
final class GraphQLErrorBody {
    private GraphQLErrorBody() {}

    static MutableHttpResponse<Map<String, Object>> response(
            HttpRequest<?> request, HttpStatus status, String message) {
        ResponseMediaType type = ResponseMediaType.of(request);
        return HttpResponse.<Map<String, Object>>status(status)
                .body(body(request, message))
                .contentType((type == null ? ResponseMediaType.JSON : type).mediaType());
    }

    static Map<String, Object> body(HttpRequest<?> request, String message) {
        return body(request, ErrorCode.BAD_USER_INPUT.name(), message);
    }

    static Map<String, Object> body(HttpRequest<?> request, String code, String message) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        String requestId = RequestFacts.requestId(request);
        if (requestId != null) {
            extensions.put("requestId", requestId);
        }
        Map<String, Object> error = Map.of("message", message, "extensions", extensions);
        return Map.of("errors", List.of(error));
    }
}
