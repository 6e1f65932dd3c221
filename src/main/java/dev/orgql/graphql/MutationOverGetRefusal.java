package dev.orgql.graphql;

import graphql.ExecutionResult;
import graphql.language.OperationDefinition;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * GET is a safe method: links, prefetchers and caches may repeat it (GraphQL over HTTP). A mutation
 * sent with GET is refused with HTTP 405 and {@code Allow: POST}.
 */
final class MutationOverGetRefusal {
    private MutationOverGetRefusal() {}

    /** The refusal, or null when the request may go on. */
    static ExecutionResult check(
            HttpMethod method, OperationDefinition operation, MutableHttpResponse<?> httpResponse) {
        if (method != HttpMethod.GET
                || operation == null
                || operation.getOperation() != OperationDefinition.Operation.MUTATION) {
            return null;
        }
        httpResponse.status(HttpStatus.METHOD_NOT_ALLOWED);
        httpResponse.header(HttpHeaders.ALLOW, "POST");
        return GatewayResults.error("Mutations must be sent with POST.", ErrorCode.BAD_USER_INPUT);
    }
}
