package dev.orgql.logto;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.core.IntervalFunction;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own Management API token, by client credentials. Any number of concurrent requests
 * share one fetch. The token is refreshed a minute before it expires; while that refresh fails, the
 * token held is still used, until {@code orgql.upstream.token.expiry-margin} before its real expiry.
 * After a failed fetch the next starts no sooner than a backoff later ({@code orgql.upstream.token.*},
 * doubling up to its maximum); in between, requests that have no usable token fail at once with
 * {@link UpstreamFailure#UNAVAILABLE} instead of each asking Logto again. Fetches also pass the token
 * endpoint's circuit breaker.
 */
@Singleton
public class ManagementTokenProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementTokenProvider.class);
    /** Refresh this long before expiry, as Logto's own SDK does. */
    private static final Duration EARLY_REFRESH = Duration.ofSeconds(60);

    private final HttpClient http;
    private final LogtoConfig config;
    private final LogtoJson json;
    private final Telemetry telemetry;
    private final UpstreamCalls calls;
    private final UpstreamBreakers breakers;
    private final UpstreamClock clock;
    private final Duration expiryMargin;
    private final IntervalFunction backoff;

    /** Guarded by {@code this}: the token held, the fetch in flight, and the failures since the last success. */
    private Token held;

    private CompletableFuture<Token> inFlight;
    private int failures;
    private Instant nextAttempt;
    private LogtoException lastFailure;

    public ManagementTokenProvider(
            @Client(id = "logto") HttpClient http,
            LogtoConfig config,
            LogtoJson json,
            UpstreamCalls calls,
            UpstreamBreakers breakers,
            UpstreamClock clock,
            UpstreamSettings.Token settings,
            Telemetry telemetry) {
        this.http = http;
        this.config = config;
        this.json = json;
        this.calls = calls;
        this.breakers = breakers;
        this.clock = clock;
        this.telemetry = telemetry;
        this.expiryMargin = settings.getExpiryMargin();
        this.backoff =
                IntervalFunction.ofExponentialBackoff(settings.getInitialBackoff(), 2.0, settings.getMaxBackoff());
    }

    CompletableFuture<String> token() {
        CompletableFuture<Token> waitFor;
        synchronized (this) {
            Instant now = clock.now();
            if (held != null && now.isBefore(held.refreshAt())) {
                return CompletableFuture.completedFuture(held.value());
            }
            if (inFlight == null && (nextAttempt == null || !now.isBefore(nextAttempt))) {
                startFetch();
            }
            if (held != null && now.isBefore(held.usableUntil())) {
                // Refreshing (or backing off after a failed refresh): the token held is still good.
                return CompletableFuture.completedFuture(held.value());
            }
            if (inFlight == null) {
                Duration wait = Duration.between(now, nextAttempt);
                return CompletableFuture.failedFuture(new LogtoException(
                        UpstreamFailure.UNAVAILABLE,
                        "The gateway has no Management API token: " + lastFailure.getMessage() + " (next attempt in "
                                + wait.toMillis() + " ms)",
                        wait,
                        lastFailure));
            }
            waitFor = inFlight;
        }
        // Callers waiting for one shared fetch go on in their own context (their request's trace and
        // budget), not in that of the request that started the fetch, on whose callback thread they would
        // otherwise run.
        PropagatedContext caller = PropagatedContext.getOrEmpty();
        return waitFor.thenApplyAsync(Token::value, task -> {
            try (PropagatedContext.Scope ignored = caller.propagate()) {
                task.run();
            }
        });
    }

    /** Drops the token Logto refused, unless another request already replaced it. */
    synchronized void invalidate(String refused) {
        if (held != null && held.value().equals(refused)) {
            held = null;
        }
    }

    /** Guarded by {@code this}. */
    private void startFetch() {
        CompletableFuture<Token> fetch = new CompletableFuture<>();
        inFlight = fetch;
        calls.guarded(breakers.tokenEndpoint(), "token endpoint", this::fetch, token -> null)
                .whenComplete((token, error) -> {
                    telemetry
                            .registry()
                            .counter("orgql.logto.token.fetches", "outcome", error == null ? "issued" : "failed")
                            .increment();
                    synchronized (this) {
                        inFlight = null;
                        if (error == null) {
                            held = token;
                            failures = 0;
                            nextAttempt = null;
                            lastFailure = null;
                        } else {
                            failures++;
                            nextAttempt = clock.now().plusMillis(backoff.apply(failures));
                            Throwable cause = UpstreamCalls.unwrap(error);
                            lastFailure = cause instanceof LogtoException e
                                    ? e
                                    : new LogtoException("Logto's token endpoint failed: " + cause, cause);
                        }
                    }
                    if (error == null) {
                        fetch.complete(token);
                    } else {
                        fetch.completeExceptionally(UpstreamCalls.unwrap(error));
                    }
                });
    }

    private CompletableFuture<Token> fetch() {
        String form = "grant_type=client_credentials"
                + "&resource=" + URLEncoder.encode(config.getManagementResource(), StandardCharsets.UTF_8)
                + "&scope=all";
        var request = HttpRequest.POST(config.tokenUri(), form)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .basicAuth(
                        URLEncoder.encode(config.getM2mAppId(), StandardCharsets.UTF_8),
                        URLEncoder.encode(config.getM2mAppSecret(), StandardCharsets.UTF_8));
        Instant sent = clock.now();
        return RawExchange.send(http, request).handle((RawExchange response, Throwable error) -> {
            if (error != null) {
                String message = "Logto's token endpoint could not be reached: " + error.getMessage();
                // One line per failed fetch, no stack trace; fetches are backed off, so an outage repeats
                // it once per backoff interval, not for every request.
                LOG.warn(message);
                throw new LogtoException(message, error);
            }
            JsonNode node = json.tree(response.body());
            int status = response.status();
            if (status != 200 || node == null || !node.hasNonNull("access_token")) {
                String detail = node != null && node.hasNonNull("error")
                        ? node.path("error").asText() + ": "
                                + node.path("error_description").asText()
                        : "HTTP " + status;
                LogtoException refused = new LogtoException(
                        status,
                        "oidc." + (node != null ? node.path("error").asText("token_error") : "token_error"),
                        "The gateway could not get its Management API token (" + detail
                                + "); check LOGTO_M2M_APP_ID, LOGTO_M2M_APP_SECRET and LOGTO_MANAGEMENT_RESOURCE",
                        RetryAfter.parse(response.retryAfter()));
                LOG.warn(refused.getMessage());
                throw refused;
            }
            Duration lifetime = Duration.ofSeconds(node.path("expires_in").asLong(3600));
            Duration refreshAfter = lifetime.compareTo(EARLY_REFRESH.multipliedBy(2)) > 0
                    ? lifetime.minus(EARLY_REFRESH)
                    : lifetime.dividedBy(2);
            Duration usableFor =
                    lifetime.compareTo(expiryMargin.multipliedBy(2)) > 0 ? lifetime.minus(expiryMargin) : refreshAfter;
            return new Token(node.get("access_token").asText(), sent.plus(refreshAfter), sent.plus(usableFor));
        });
    }

    private record Token(String value, Instant refreshAt, Instant usableUntil) {}
}
