package dev.orgql.graphql;

import dev.orgql.auth.Caller;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.OperationDefinition;
import io.micronaut.http.HttpRequest;
import java.util.List;

/**
 * What one HTTP request learned on its way, kept as request attributes for the edge (the request id
 * filter and the access log, package {@code ops}): its request id, the GraphQL operation and the caller.
 * Nothing here holds a token or a personal detail.
 */
public final class RequestFacts {
    private static final String PREFIX = RequestFacts.class.getName() + ".";
    private static final String REQUEST_ID = PREFIX + "requestId";
    private static final String OPERATION_NAME = PREFIX + "operationName";
    private static final String OPERATION_TYPE = PREFIX + "operationType";
    private static final String CALLER_KIND = PREFIX + "callerKind";
    private static final String ORGANIZATION_ID = PREFIX + "organizationId";

    private RequestFacts() {}

    public static void requestId(HttpRequest<?> request, String requestId) {
        request.setAttribute(REQUEST_ID, requestId);
    }

    /** The id the edge gave this request, or null outside a request. */
    public static String requestId(HttpRequest<?> request) {
        return request.getAttribute(REQUEST_ID, String.class).orElse(null);
    }

    static void operation(HttpRequest<?> request, OperationDefinition operation) {
        if (operation != null) {
            if (operation.getName() != null) {
                request.setAttribute(OPERATION_NAME, operation.getName());
            }
            request.setAttribute(OPERATION_TYPE, operation.getOperation().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    static void caller(HttpRequest<?> request, Caller caller) {
        if (caller != null) {
            request.setAttribute(CALLER_KIND, caller.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (caller.organizationId() != null) {
                request.setAttribute(ORGANIZATION_ID, caller.organizationId());
            }
        }
    }

    public static String operationName(HttpRequest<?> request) {
        return request.getAttribute(OPERATION_NAME, String.class).orElse(null);
    }

    public static String operationType(HttpRequest<?> request) {
        return request.getAttribute(OPERATION_TYPE, String.class).orElse(null);
    }

    /** The kind of the verified token ({@code user}, {@code user_organization}, ...); null before or without one. */
    public static String callerKind(HttpRequest<?> request) {
        return request.getAttribute(CALLER_KIND, String.class).orElse(null);
    }

    /** The organization the verified token is bound to, or null. */
    public static String organizationId(HttpRequest<?> request) {
        return request.getAttribute(ORGANIZATION_ID, String.class).orElse(null);
    }

    /** Every error gets {@code extensions.requestId}, so that a user's report leads to the log lines. */
    static ExecutionResult withRequestId(ExecutionResult result, String requestId) {
        if (requestId == null || result.getErrors().isEmpty()) {
            return result;
        }
        List<GraphQLError> errors = result.getErrors().stream()
                .map(error -> RebuiltError.of(error, error.getMessage(), "requestId", requestId))
                .toList();
        return result.transform(builder -> builder.errors(errors));
    }
}
