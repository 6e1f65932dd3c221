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
import io.micronaut.http.client.exceptions.ResponseClosedException;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Management API call: adds the gateway's token (retrying once with a fresh one when Logto
 * answers 401), and turns Logto's error bodies into {@link LogtoException}s. Non-blocking throughout:
 * it runs on the server's event loop.
 */
@Singleton
class ManagementApi {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);

    private final HttpClient http;
    private final LogtoConfig config;
    private final ManagementTokenProvider tokens;
    private final LogtoJson json;
    private final UpstreamObserver observer;

    ManagementApi(
            @Client(id = "logto") HttpClient http,
            LogtoConfig config,
            ManagementTokenProvider tokens,
            LogtoJson json,
            UpstreamObserver observer) {
        this.http = http;
        this.config = config;
        this.tokens = tokens;
        this.json = json;
        this.observer = observer;
    }

    CompletableFuture<LogtoResponse> call(HttpMethod method, LogtoPath path, Object body) {
        return observer.observe(method, path, () -> callObserved(method, path, body));
    }

    private CompletableFuture<LogtoResponse> callObserved(HttpMethod method, LogtoPath path, Object body) {
        return tokens.token()
                .thenCompose(token -> send(method, path, body, token).thenCompose(response -> {
                    if (response.status() == 401) {
                        tokens.invalidate(token);
                        return tokens.token().thenCompose(fresh -> send(method, path, body, fresh));
                    }
                    return CompletableFuture.completedFuture(response);
                }))
                .thenApply(response -> toResult(method, path, response));
    }

    private CompletableFuture<RawExchange> send(HttpMethod method, LogtoPath path, Object body, String token) {
        return RawExchange.send(http, request(method, path, body, token))
                .exceptionallyCompose(error -> {
                    // Logto closes an idle keep-alive connection after a few seconds; a request that went out
                    // on it just then finds it closed before any answer. A read can be sent again as it was:
                    // once, on a new connection. A write is never resent, since Logto may have applied it.
                    if (method == HttpMethod.GET && closedBeforeResponse(error)) {
                        LOG.debug("Logto closed the connection before answering GET {}; sending it once more", path);
                        return RawExchange.send(http, request(method, path, body, token));
                    }
                    return CompletableFuture.failedFuture(error);
                })
                .exceptionally(error -> {
                    if (timedOut(error)) {
                        throw new LogtoException(
                                UpstreamFailure.TIMEOUT,
                                "Logto did not answer " + method + " in time: " + rootMessage(error),
                                null,
                                error);
                    }
                    throw new LogtoException("Logto could not be reached: " + rootMessage(error), error);
                });
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

    /** The connection ended before any part of an answer arrived (Micronaut's {@code ResponseClosedException}). */
    private static boolean closedBeforeResponse(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseClosedException) {
                return true;
            }
        }
        return false;
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

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
