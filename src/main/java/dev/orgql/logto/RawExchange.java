package dev.orgql.logto;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * One HTTP exchange with Logto whatever its status: Micronaut's client signals error statuses as
 * exceptions, while the gateway needs Logto's status and body to map them.
 */
record RawExchange(int status, byte[] body, String totalNumber, String retryAfter) {

    static CompletableFuture<RawExchange> send(HttpClient http, MutableHttpRequest<?> request) {
        return send(http, request, null);
    }

    /**
     * @param within how long the exchange may take, queueing for a pooled connection included (null:
     *     only the client's own timeouts). Running out, or cancelling the future, cancels the exchange,
     *     which closes its connection instead of leaving it to wait for an answer no one reads.
     */
    static CompletableFuture<RawExchange> send(HttpClient http, MutableHttpRequest<?> request, Duration within) {
        Mono<RawExchange> exchange = Mono.from(http.exchange(request, byte[].class))
                .map(RawExchange::of)
                .onErrorResume(HttpClientResponseException.class, e -> Mono.just(of(e.getResponse())));
        return (within == null ? exchange : exchange.timeout(within)).toFuture();
    }

    private static RawExchange of(HttpResponse<?> response) {
        byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
        return new RawExchange(
                response.getStatus().getCode(),
                body,
                response.getHeaders().get("Total-Number"),
                response.getHeaders().get(HttpHeaders.RETRY_AFTER));
    }
}
