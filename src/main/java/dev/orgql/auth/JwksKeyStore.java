package dev.orgql.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.orgql.logto.LogtoConfig;
import dev.orgql.logto.Telemetry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
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
            Telemetry telemetry) {
        this.http = http;
        this.logto = logto;
        this.config = config;
        this.clock = clock;
        this.telemetry = telemetry;
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
        Mono.from(http.exchange(HttpRequest.GET(logto.jwksUri()).accept(MediaType.APPLICATION_JSON_TYPE), byte[].class))
                .timeout(config.getJwksFetchTimeout())
                .toFuture()
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

    private String describe(Throwable error) {
        return error instanceof java.util.concurrent.TimeoutException
                ? "no answer within " + config.getJwksFetchTimeout().toMillis() + " ms"
                : String.valueOf(error.getMessage());
    }

    /** The keys could not be had: the gateway cannot tell good tokens from bad, so it refuses them all. */
    public static class JwksUnavailableException extends RuntimeException {
        JwksUnavailableException(String message) {
            super(message);
        }
    }
}
