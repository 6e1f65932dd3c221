package dev.orgql.logto;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

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

    ManagementApi(@Client(id = "logto") HttpClient http, LogtoConfig config, ManagementTokenProvider tokens, LogtoJson json) {
        this.http = http;
        this.config = config;
        this.tokens = tokens;
        this.json = json;
    }

    CompletableFuture<LogtoResponse> call(HttpMethod method, LogtoPath path, Object body) {
        return tokens.token().thenCompose(token -> send(method, path, body, token).thenCompose(response -> {
            if (response.getStatus().getCode() == 401) {
                tokens.invalidate(token);
                return tokens.token().thenCompose(fresh -> send(method, path, body, fresh));
            }
            return CompletableFuture.completedFuture(response);
        })).thenApply(response -> toResult(method, path, response));
    }

    private CompletableFuture<HttpResponse<byte[]>> send(HttpMethod method, LogtoPath path, Object body, String token) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, config.getEndpoint() + path)
                .bearerAuth(token)
                .accept(MediaType.APPLICATION_JSON_TYPE);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE).body(json.write(body));
        }
        return Mono.from(http.exchange(request, byte[].class)).toFuture()
                .exceptionally(error -> {
                    // Error statuses normally arrive as responses (exception-on-error-status: false), but
                    // some client paths still raise them: treat those as the answers they are.
                    Throwable t = LogtoErrors.unwrapAny(error);
                    if (t instanceof HttpClientResponseException answered) {
                        @SuppressWarnings("unchecked")
                        HttpResponse<byte[]> response = (HttpResponse<byte[]>) answered.getResponse();
                        return response;
                    }
                    throw new LogtoException("Logto could not be reached: " + rootMessage(error), error);
                });
    }

    private LogtoResponse toResult(HttpMethod method, LogtoPath path, HttpResponse<byte[]> response) {
        int status = response.getStatus().getCode();
        byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
        if (status >= 200 && status < 300) {
            String total = response.getHeaders().get("Total-Number");
            return new LogtoResponse(status, response.getContentType().map(MediaType::toString).orElse(null), body,
                    total == null ? null : Integer.valueOf(total.trim()));
        }
        JsonNode error = json.tree(body);
        String code = error != null && error.hasNonNull("code") ? error.get("code").asText() : null;
        String message = error != null && error.hasNonNull("message") ? error.get("message").asText()
                : "HTTP " + status;
        LOG.debug("Logto {} {} answered {} {}", method, path, status, code);
        throw new LogtoException(status, code, message);
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
