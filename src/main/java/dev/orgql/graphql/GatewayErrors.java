package dev.orgql.graphql;

import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoPath;
import dev.orgql.logto.RetryAfter;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the gateway's GraphQL errors, each with {@code extensions.code}. */
public final class GatewayErrors {
    private GatewayErrors() {}

    public static GraphQLError error(
            DataFetchingEnvironment env, ErrorCode code, String message, Map<String, Object> extra) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        if (extra != null) {
            extensions.putAll(extra);
        }
        return GraphqlErrorBuilder.newError(env)
                .message(message)
                .extensions(extensions)
                .build();
    }

    /** A field that resolves to null with this error. */
    public static <T> DataFetcherResult<T> fail(
            DataFetchingEnvironment env, ErrorCode code, String message, Map<String, Object> extra) {
        return DataFetcherResult.<T>newResult()
                .error(error(env, code, message, extra))
                .build();
    }

    /** Maps any failure of a fetcher to a GraphQL error; Logto's own code travels in {@code extensions.logtoCode}. */
    public static GraphQLError fromException(DataFetchingEnvironment env, Throwable failure) {
        Throwable t = LogtoErrors.unwrapAny(failure);
        if (t instanceof LogtoPath.InvalidInputException invalid) {
            return error(env, ErrorCode.BAD_USER_INPUT, invalid.getMessage(), Map.of("field", invalid.field()));
        }
        if (t instanceof LogtoException logto) {
            Map<String, Object> extra = new LinkedHashMap<>();
            if (logto.code() != null) {
                extra.put("logtoCode", logto.code());
            }
            if (logto.status() > 0) {
                extra.put("logtoStatus", logto.status());
            }
            logto.retryAfter().ifPresent(delay -> extra.put("retryAfterSeconds", RetryAfter.seconds(delay)));
            return error(env, codeFor(logto), messageFor(logto), extra);
        }
        if (t instanceof GatewayException gateway) {
            return error(env, gateway.code(), gateway.getMessage(), gateway.extensions());
        }
        return error(env, ErrorCode.INTERNAL_ERROR, "Internal error in the gateway.", null);
    }

    static ErrorCode codeFor(LogtoException e) {
        switch (e.failure()) {
            case RATE_LIMITED:
                return ErrorCode.RATE_LIMITED;
            case TIMEOUT:
                return ErrorCode.UPSTREAM_TIMEOUT;
            case UNAVAILABLE:
                return ErrorCode.UPSTREAM_UNAVAILABLE;
            case BUSY:
                return ErrorCode.UPSTREAM_BUSY;
            default:
                break;
        }
        int status = e.status();
        if (status == 404) {
            return ErrorCode.NOT_FOUND;
        }
        if (status == 400 || status == 422) {
            return e.is(LogtoError.UNIQUE_INTEGRITY_VIOLATION) ? ErrorCode.CONFLICT : ErrorCode.BAD_USER_INPUT;
        }
        if (status == 429) {
            return ErrorCode.RATE_LIMITED;
        }
        if (status == 403 && e.is(LogtoError.SUBSCRIPTION_LIMIT_EXCEEDED)) {
            return ErrorCode.FORBIDDEN;
        }
        return ErrorCode.UPSTREAM_ERROR;
    }

    private static String messageFor(LogtoException e) {
        if (e.status() == 0) {
            return e.getMessage();
        }
        if (e.status() == 401 || e.status() == 403) {
            // The gateway's own credentials were refused: an operator's problem, not the caller's.
            return "Logto refused the gateway's Management API credentials (" + e.code() + "): " + e.getMessage();
        }
        if (e.code() == null && e.getMessage().equals("HTTP " + e.status())) {
            // No Logto error body (a proxy's page in front of Logto, or none at all): say what the status means.
            return e.status() == 429
                    ? "Logto refused the call because of its rate limit (HTTP 429)."
                    : "Logto failed to answer (HTTP " + e.status() + ").";
        }
        return e.getMessage();
    }
}
