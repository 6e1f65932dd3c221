package dev.orgql.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.orgql.logto.LogtoConfig;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.RetryAfter;
import dev.orgql.logto.Telemetry;
import dev.orgql.logto.UpstreamBreakers;
import dev.orgql.logto.UpstreamBudget;
import dev.orgql.logto.UpstreamCalls;
import dev.orgql.logto.UpstreamFailure;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Logto's signing keys from {@code {endpoint}/oidc/jwks}, picked by {@code kid}.
 * <ul>
 *   <li>A token whose key is held is checked with it at once, whatever a fetch in flight is doing: a
 *       hanging or failing JWKS endpoint never delays it.</li>
 *   <li>A token naming a key not held asks for a fetch (Logto rotates keys). Fetches are single-flight
 *       and start at most once per {@code orgql.jwks-min-refresh-interval}, counted from the previous
 *       attempt whether it succeeded or failed, so tokens with invented key ids (or an outage) cannot
 *       make the gateway hammer Logto. Each fetch is cut off after {@code orgql.jwks-fetch-timeout}.</li>
 *   <li>Within a fetch, a reset, 502/503/504 or 429 is retried (logto.UpstreamCalls, as for Management
 *       API reads) inside the fetch timeout, and the JWKS circuit breaker refuses fetches at once while
 *       Logto's JWKS keeps failing.</li>
 *   <li>Only a successful fetch replaces the keys; a failed one keeps those held.</li>
 * </ul>
 */
@Singleton
public class JwksKeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(JwksKeyStore.class);

    private final HttpClient http;
    private final LogtoConfig logto;
    private final AuthConfig config;
    private final AuthClock clock;
    private final Telemetry telemetry;
    private final UpstreamCalls calls;
    private final UpstreamBreakers breakers;
    private final UpstreamCalls.ReadRetry<HttpResponse<byte[]>> reads;

    /** The last keys fetched successfully, or null before the first success. */
    private volatile JWKSet keys;
    /** Guarded by {@code this}: when the last fetch started, whether it failed, and the fetch in flight. */
    private Instant lastAttempt;

    private boolean lastFailed;
    private CompletableFuture<JWKSet> inFlight;
    /** When the keys held were fetched, or null before the first success. */
    private volatile Instant lastSuccess;

    JwksKeyStore(
            @Client(id = "logto") HttpClient http,
            LogtoConfig logto,
            AuthConfig config,
            AuthClock clock,
            Telemetry telemetry,
            UpstreamCalls calls,
            UpstreamBreakers breakers) {
        this.http = http;
        this.logto = logto;
        this.config = config;
        this.clock = clock;
        this.telemetry = telemetry;
        this.calls = calls;
        this.breakers = breakers;
        this.reads = calls.readRetry("logtoJwksReads", JwksKeyStore::failureOf);
    }

    /**
     * The key with this id; null when Logto publishes none by that id (as far as the gateway could
     * learn); fails with {@link JwksUnavailableException} when it cannot tell.
     */
    CompletableFuture<JWK> key(String kid) {
        JWKSet held = keys;
        JWK key = held == null ? null : held.getKeyByKeyId(kid);
        if (key != null) {
            return CompletableFuture.completedFuture(key);
        }
        CompletableFuture<JWKSet> fetch = fetchIfDue();
        if (fetch == null) {
            synchronized (this) {
                // A fetch may have succeeded since the keys were read above.
                JWKSet latest = keys;
                JWK found = latest == null ? null : latest.getKeyByKeyId(kid);
                if (found != null) {
                    return CompletableFuture.completedFuture(found);
                }
                if (latest == null || lastFailed) {
                    // The key may exist: Logto could not be asked. Not the token's fault, so not a 401.
                    return CompletableFuture.failedFuture(new JwksUnavailableException(
                            "Logto's JWKS could not be fetched;" + " the next attempt is made after "
                                    + lastAttempt.plus(config.getJwksMinRefreshInterval()) + "."));
                }
            }
            // The keys are recent and lack this id: the token names a key Logto does not publish.
            return CompletableFuture.completedFuture(null);
        }
        // copy(): what this caller does with the shared fetch must not complete it for the others.
        return fetch.copy().thenApply(fetched -> fetched.getKeyByKeyId(kid));
    }

    /**
     * When the keys held were fetched, after a fetch if they are older than {@code maxAge} (or none are
     * held) and the rate limit allows one; null while no fetch has ever succeeded. Readiness asks this:
     * keys are otherwise fetched only for a token naming an unknown key, so without it a gateway that
     * has seen no token would never learn whether Logto's JWKS can be had.
     */
    public CompletableFuture<Instant> fetchedWithin(Duration maxAge) {
        Instant held = lastSuccess;
        if (held != null && !clock.now().isAfter(held.plus(maxAge))) {
            return CompletableFuture.completedFuture(held);
        }
        CompletableFuture<JWKSet> fetch = fetchIfDue();
        if (fetch == null) {
            return CompletableFuture.completedFuture(lastSuccess);
        }
        return fetch.copy().handle((fetched, error) -> lastSuccess);
    }

    /** The fetch in flight, a new one if the last attempt is old enough, or null when none may start now. */
    private synchronized CompletableFuture<JWKSet> fetchIfDue() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.now();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(config.getJwksMinRefreshInterval()))) {
            return null;
        }
        lastAttempt = now;
        CompletableFuture<JWKSet> fetch = new CompletableFuture<>();
        inFlight = fetch;
        // Retried on resets, 502/503/504 and 429 and guarded by the JWKS breaker, all within the fetch timeout.
        UpstreamBudget budget = UpstreamBudget.of(config.getJwksFetchTimeout());
        calls.retried(
                        reads,
                        budget,
                        () -> calls.guarded(
                                breakers.jwks(), "JWKS", () -> exchange(budget.remaining()), JwksKeyStore::failureOf))
                .whenComplete((HttpResponse<byte[]> response, Throwable error) -> {
                    JWKSet parsed = null;
                    String failure = null;
                    try {
                        if (error != null) {
                            failure = "Logto's JWKS could not be fetched: " + describe(error);
                        } else if (response.getStatus().getCode() != 200) {
                            failure = "Logto's JWKS answered HTTP "
                                    + response.getStatus().getCode();
                        } else {
                            parsed = JWKSet.parse(
                                    new String(response.getBody().orElse(new byte[0]), StandardCharsets.UTF_8));
                        }
                    } catch (ParseException | RuntimeException e) {
                        failure = "Logto's JWKS could not be read: " + e.getMessage();
                    }
                    telemetry
                            .registry()
                            .counter("orgql.jwks.fetches", "outcome", parsed != null ? "fetched" : "failed")
                            .increment();
                    synchronized (this) {
                        inFlight = null;
                        lastFailed = parsed == null;
                        if (parsed != null) {
                            keys = parsed;
                            lastSuccess = now;
                        }
                    }
                    if (parsed != null) {
                        fetch.complete(parsed);
                    } else {
                        LOG.warn(
                                "{}; keeping the {} key(s) held",
                                failure,
                                keys == null ? 0 : keys.getKeys().size());
                        fetch.completeExceptionally(new JwksUnavailableException(failure));
                    }
                });
        return fetch;
    }

    private CompletableFuture<HttpResponse<byte[]>> exchange(Duration within) {
        if (within.isZero()) {
            return CompletableFuture.failedFuture(
                    new LogtoException(UpstreamFailure.TIMEOUT, timeoutMessage(), null, null));
        }
        return Mono.from(http.exchange(
                        HttpRequest.GET(logto.jwksUri()).accept(MediaType.APPLICATION_JSON_TYPE), byte[].class))
                // An error status is an answer to judge (5xx and 429 are retried, others not), not a lost call.
                .onErrorResume(HttpClientResponseException.class, e -> Mono.just(errorAnswer(e)))
                .timeout(within)
                .toFuture()
                .exceptionallyCompose(error -> {
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    return CompletableFuture.failedFuture(
                            cause instanceof TimeoutException
                                    ? new LogtoException(UpstreamFailure.TIMEOUT, timeoutMessage(), null, cause)
                                    : new LogtoException(String.valueOf(cause.getMessage()), cause));
                });
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse<byte[]> errorAnswer(HttpClientResponseException e) {
        return (HttpResponse<byte[]>) e.getResponse();
    }

    /** A 5xx or a 429 as a failure, for the JWKS breaker and retries; null for any other answer. */
    private static LogtoException failureOf(HttpResponse<byte[]> response) {
        int status = response.getStatus().getCode();
        return status >= 500 || status == 429
                ? new LogtoException(
                        status,
                        null,
                        "HTTP " + status,
                        RetryAfter.parse(response.getHeaders().get(HttpHeaders.RETRY_AFTER)))
                : null;
    }

    private String timeoutMessage() {
        return "no answer within " + config.getJwksFetchTimeout().toMillis() + " ms";
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof TimeoutException ? timeoutMessage() : String.valueOf(cause.getMessage());
    }

    /** The keys could not be had: the gateway cannot tell good tokens from bad, so it refuses them all. */
    public static class JwksUnavailableException extends RuntimeException {
        JwksUnavailableException(String message) {
            super(message);
        }
    }
}
