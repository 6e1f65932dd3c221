package dev.orgql.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * Which media type a GraphQL answer is sent as, from the request's {@code Accept} (GraphQL over HTTP,
 * "Accept" and "Legacy watershed"): {@code application/graphql-response+json} when the client prefers it,
 * whose status codes say what happened (400 for a request that did not execute); otherwise
 * {@code application/json}, whose request errors are 200 as older clients expect (missing,
 * {@code *}{@code /*} and {@code application/*} included). Null when the client accepts neither: 406.
 */
public enum ResponseMediaType {
    GRAPHQL_RESPONSE_JSON(MediaType.of("application/graphql-response+json;charset=utf-8")),
    JSON(MediaType.of("application/json;charset=utf-8"));

    private final MediaType mediaType;

    ResponseMediaType(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** What the request's Accept asks for; JSON for a header that cannot be read. */
    public static ResponseMediaType of(HttpRequest<?> request) {
        List<String> values = request.getHeaders().getAll(HttpHeaders.ACCEPT);
        if (values.isEmpty()) {
            return JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = values.stream()
                    .flatMap(value -> MediaType.orderedOf(value).stream())
                    .toList();
        } catch (IllegalArgumentException unreadable) {
            return JSON;
        }
        // orderedOf sorts one header by quality; several Accept headers are merged here, stable by position.
        List<MediaType> byQuality = accepted.stream()
                .filter(type -> type.getQualityAsNumber().compareTo(BigDecimal.ZERO) > 0)
                .sorted(Comparator.comparing(MediaType::getQualityAsNumber).reversed())
                .toList();
        for (MediaType type : byQuality) {
            String name = (type.getType() + "/" + type.getSubtype()).toLowerCase(java.util.Locale.ROOT);
            switch (name) {
                case "application/graphql-response+json":
                    return GRAPHQL_RESPONSE_JSON;
                case "application/json", "application/*", "*/*":
                    return JSON;
                default:
                    break;
            }
        }
        return accepted.isEmpty() ? JSON : null;
    }
}
