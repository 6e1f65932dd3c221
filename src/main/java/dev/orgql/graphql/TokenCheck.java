package dev.orgql.graphql;

import dev.orgql.auth.AuthenticationException;
import dev.orgql.auth.Caller;
import dev.orgql.auth.JwksKeyStore;
import dev.orgql.auth.TokenVerifier;
import dev.orgql.logto.LogtoErrors;
import graphql.ExecutionResult;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Verifies the request's bearer token before anything is executed: a bad or missing token is answered
 * with HTTP 401 and {@code UNAUTHENTICATED}, keys that cannot be fetched with 503, both before any call
 * to Logto's Management API.
 */
@Singleton
class TokenCheck {
    private final TokenVerifier verifier;

    TokenCheck(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Runs {@code execute} for the verified caller, or answers the refusal. */
    CompletableFuture<ExecutionResult> thenExecute(
            String authorization,
            MutableHttpResponse<?> httpResponse,
            Function<Caller, CompletableFuture<ExecutionResult>> execute) {
        return verifier.authenticate(authorization).thenCompose(execute).exceptionally(failure -> {
            Throwable t = LogtoErrors.unwrapAny(failure);
            if (t instanceof AuthenticationException e) {
                return GatewayResults.unauthenticated(httpResponse, e.getMessage());
            }
            if (t instanceof JwksKeyStore.JwksUnavailableException e) {
                httpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
                return GatewayResults.error(
                        "The gateway cannot check tokens right now: " + e.getMessage(), ErrorCode.UPSTREAM_ERROR);
            }
            throw new IllegalStateException(t);
        });
    }
}
