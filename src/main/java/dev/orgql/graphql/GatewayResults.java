package dev.orgql.graphql;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/** Results of requests answered before execution: one error with its code, and the 401 answer. */
final class GatewayResults {
    private GatewayResults() {}

    static ExecutionResult of(GraphQLError error) {
        return ExecutionResultImpl.newExecutionResult().addError(error).build();
    }

    static ExecutionResult error(String message, ErrorCode code) {
        return of(GraphqlErrorBuilder.newError()
                .message(message)
                .extensions(Map.of("code", code.name()))
                .build());
    }

    /** HTTP 401 with the bearer challenge, and {@code UNAUTHENTICATED}. */
    static ExecutionResult unauthenticated(MutableHttpResponse<?> httpResponse, String message) {
        httpResponse.status(HttpStatus.UNAUTHORIZED);
        httpResponse.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        return error(message, ErrorCode.UNAUTHENTICATED);
    }
}
