package dev.orgql.graphql;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * graphql-java's own errors (syntax, validation, variables that do not fit their types) carry no
 * code; every error of this API does: {@code BAD_USER_INPUT} for those, {@code INTERNAL_ERROR} otherwise.
 */
final class ErrorCodeDefaults {
    private ErrorCodeDefaults() {}

    static ExecutionResult apply(ExecutionResult result) {
        if (result.getErrors().stream().allMatch(ErrorCodeDefaults::hasCode)) {
            return result;
        }
        List<GraphQLError> errors = result.getErrors().stream()
                .map(error -> {
                    if (hasCode(error)) {
                        return error;
                    }
                    ErrorCode code = error.getErrorType() == ErrorType.ValidationError
                                    || error.getErrorType() == ErrorType.InvalidSyntax
                            ? ErrorCode.BAD_USER_INPUT
                            : ErrorCode.INTERNAL_ERROR;
                    Map<String, Object> extensions =
                            new LinkedHashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
                    extensions.put("code", code.name());
                    return (GraphQLError) GraphqlErrorBuilder.newError()
                            .message(error.getMessage())
                            .locations(error.getLocations())
                            .path(error.getPath())
                            .errorType(error.getErrorType())
                            .extensions(extensions)
                            .build();
                })
                .toList();
        return result.transform(builder -> builder.errors(errors));
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().containsKey("code");
    }
}
