package dev.orgql.logto;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Management API call: adds the gateway's token (retrying once with a fresh one when Logto
 * answers 401), and turns Logto's error bodies into {@link LogtoException}s. Reads are retried and
 * every exchange passes the Management API's circuit breaker ({@link UpstreamCalls}); each call gets
 * at most the time left in the calling request's {@link UpstreamBudget}, and is cancelled when that
 * request ends. Non-blocking throughout: it runs on the server's event loop.
 */
@Singleton
class ManagementApi {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);
    /** Micronaut's refusal when its queue for a pooled connection is full (Pool49, 4.10). */
    private static final String QUEUE_FULL = "exceeded max pending acquires";

    private final HttpClient http;
    private final LogtoConfig config;
    private final ManagementTokenProvider tokens;
    private final LogtoJson json;
    private final UpstreamObserver observer;
    private final UpstreamCalls calls;
    private final UpstreamBreakers breakers;
    private final UpstreamCalls.ReadRetry<RawExchange> reads;
    private final ReadCoalescer coalescer;

    ManagementApi(
            @Client(id = "logto") HttpClient http,
            LogtoConfig config,
            ManagementTokenProvider tokens,
            LogtoJson json,
            UpstreamObserver observer,
            UpstreamCalls calls,
            UpstreamBreakers breakers,
            ReadCoalescer coalescer) {
        this.http = http;
        this.coalescer = coalescer;
        this.config = config;
        this.tokens = tokens;
        this.json = json;
        this.observer = observer;
        this.calls = calls;
        this.breakers = breakers;
        this.reads = calls.readRetry("logtoManagementApiReads", ManagementApi::failureOf);
    }

    /** One call; a read joins an identical read already in flight ({@link ReadCoalescer}). */
    CompletableFuture<LogtoResponse> call(HttpMethod method, LogtoPath path, Object body) {
        if (method == HttpMethod.GET && coalescer.enabled()) {
            return coalescer.read(path, () -> callAlone(method, path, body));
        }
        return callAlone(method, path, body);
    }

    /** One call of its own, never shared: for reads that must see Logto as it is now. */
    CompletableFuture<LogtoResponse> callAlone(HttpMethod method, LogtoPath path, Object body) {
        return observer.observe(method, path, () -> callObserved(method, path, body));
    }

    private CompletableFuture<LogtoResponse> callObserved(HttpMethod method, LogtoPath path, Object body) {
        UpstreamBudget budget = UpstreamBudget.current();
        CompletableFuture<LogtoResponse> work = token(budget)
                .thenCompose(token -> exchange(method, path, body, token, budget)
                        .thenCompose(response -> {
                            if (response.status() == 401) {
                                tokens.invalidate(token);
                                return token(budget).thenCompose(fresh -> exchange(method, path, body, fresh, budget));
                            }
                            return CompletableFuture.completedFuture(response);
                        }))
                .thenApply(response -> toResult(method, path, response));
        return budget == null ? work : budget.relay(work);
    }

    private CompletableFuture<String> token(UpstreamBudget budget) {
        return budget == null ? tokens.token() : budget.bound(tokens.token(), "the gateway's token request");
    }

    private CompletableFuture<RawExchange> exchange(
            HttpMethod method, LogtoPath path, Object body, String token, UpstreamBudget budget) {
        if (method == HttpMethod.GET) {
            // Logto closes an idle keep-alive connection after a few seconds; a read that went out on it
            // just then finds it closed before any answer: it is one of the failures a read is retried on.
            return calls.retried(reads, budget, () -> once(method, path, body, token, budget));
        }
        // A write is never resent, since Logto may have applied it.
        return once(method, path, body, token, budget);
    }

    private CompletableFuture<RawExchange> once(
            HttpMethod method, LogtoPath path, Object body, String token, UpstreamBudget budget) {
        return calls.guarded(
                breakers.managementApi(),
                "Management API",
                () -> send(method, path, body, token, budget),
                ManagementApi::failureOf);
    }

    private CompletableFuture<RawExchange> send(
            HttpMethod method, LogtoPath path, Object body, String token, UpstreamBudget budget) {
        Duration within = null;
        if (budget != null) {
            within = budget.remaining();
            if (within.isZero()) {
                return CompletableFuture.failedFuture(beforeLogto(budget.timeout(method + " " + path), null));
            }
            if (budget.isShared()) {
                // A waiter that joins later may wait longer than the time left now; the last waiter to go
                // cancels the exchange (ReadCoalescer).
                within = null;
            }
        }
        MutableHttpRequest<Object> request = request(method, path, body, token);
        CompletableFuture<RawExchange> exchange = RawExchange.send(http, request, within);
        if (budget != null) {
            budget.track(exchange);
        }
        return exchange.exceptionally(error -> {
            // Still waiting for a pooled connection (no channel yet): the gateway's own queue ran out of
            // time, which says nothing about Logto, so the breaker must not count it.
            boolean queued = request.getAttribute(RawExchange.CHANNEL_ATTRIBUTE).isEmpty();
            if (UpstreamBudget.cancelled(error)) {
                LogtoException cancelled = budget != null
                        ? withCause(budget.timeout(method + " " + path), error)
                        : new LogtoException(UpstreamFailure.TIMEOUT, "The call to Logto was cancelled", null, error);
                throw queued ? beforeLogto(cancelled, error) : cancelled;
            }
            if (timedOut(error)) {
                boolean deadline = budget != null && budget.remaining().isZero();
                throw new LogtoException(
                        UpstreamFailure.TIMEOUT,
                        queued
                                ? "No connection to Logto came free for " + method + " within the request's deadline"
                                : deadline
                                        ? "Logto did not answer " + method + " within the request's deadline of "
                                                + budget.deadline().toMillis() + " ms"
                                        : "Logto did not answer " + method + " in time: " + rootMessage(error),
                        null,
                        error,
                        queued);
            }
            if (rootMessage(error).contains(QUEUE_FULL)) {
                throw new LogtoException(
                        UpstreamFailure.BUSY,
                        "The gateway's queue for Logto connections is full (orgql.upstream.max-queued)",
                        Duration.ofSeconds(1),
                        error);
            }
            throw new LogtoException("Logto could not be reached: " + rootMessage(error), error);
        });
    }

    private static LogtoException beforeLogto(LogtoException failure, Throwable cause) {
        return new LogtoException(
                failure.failure(), failure.getMessage(), failure.retryAfter().orElse(null), cause, true);
    }

    private static LogtoException withCause(LogtoException failure, Throwable cause) {
        return new LogtoException(failure.failure(), failure.getMessage(), null, cause);
    }

    /** A 5xx or a 429 as the failure it is, for the breaker and the retries; null for any other answer. */
    private static LogtoException failureOf(RawExchange response) {
        int status = response.status();
        if (status >= 500 || status == 429) {
            return new LogtoException(status, null, "HTTP " + status, RetryAfter.parse(response.retryAfter()));
        }
        return null;
    }

    private MutableHttpRequest<Object> request(HttpMethod method, LogtoPath path, Object body, String token) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, config.getEndpoint() + path)
                .bearerAuth(token)
                // Logto translates its error messages; a few refusals share one code and differ only in
                // their message, so the gateway pins the language it reads them in.
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .accept(MediaType.APPLICATION_JSON_TYPE);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE).body(json.write(body));
        }
        return request;
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ReadTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private LogtoResponse toResult(HttpMethod method, LogtoPath path, RawExchange response) {
        int status = response.status();
        byte[] body = response.body();
        if (status >= 200 && status < 300) {
            String total = response.totalNumber();
            return new LogtoResponse(
                    status, body, total == null || total.isBlank() ? null : Integer.valueOf(total.trim()));
        }
        JsonNode error = json.tree(body);
        String code =
                error != null && error.hasNonNull("code") ? error.get("code").asText() : null;
        String message = error != null && error.hasNonNull("message")
                ? error.get("message").asText()
                : "HTTP " + status;
        LOG.debug("Logto {} {} answered {} {}", method, path, status, code);
        throw new LogtoException(status, code, message, RetryAfter.parse(response.retryAfter()));
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
