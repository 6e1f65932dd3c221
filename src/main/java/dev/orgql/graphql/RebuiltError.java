package dev.orgql.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** graphql-java's errors are immutable: the answer's passes over them (codes, request id) copy them with more. */
final class RebuiltError {
    private RebuiltError() {}

    /** The error with {@code message} and its extensions plus {@code key → value}. */
    static GraphQLError of(GraphQLError error, String message, String key, Object value) {
        Map<String, Object> extensions =
                new LinkedHashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
        extensions.put(key, value);
        return GraphqlErrorBuilder.newError()
                .message(message)
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }
}
