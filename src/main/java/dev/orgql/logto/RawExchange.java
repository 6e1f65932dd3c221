package dev.orgql.logto;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
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
        CompletableFuture<RawExchange> future = (within == null ? exchange : exchange.timeout(within)).toFuture();
        future.whenComplete((answer, error) -> {
            if (error != null && abandoned(error)) {
                closeConnection(request);
            }
        });
        return future;
    }

    /**
     * Micronaut's client does not close a connection whose exchange was cancelled: the connection stays
     * taken until an answer arrives or the read timeout fires, and calls queued behind it wait that long
     * (the issue saw abandoned prefetches hold all pooled connections for 14 s after a hang). The client
     * puts the exchange's Netty channel on the request under {@code NettyClientHttpRequest.CHANNEL}
     * ({@value #CHANNEL_ATTRIBUTE}, package-private there, Micronaut 4.10); closing it fails the exchange
     * and gives the pool its slot back at once. A call still queued for a connection has no channel yet
     * and leaves the queue on cancellation by itself.
     */
    private static void closeConnection(MutableHttpRequest<?> request) {
        request.getAttribute(CHANNEL_ATTRIBUTE, Channel.class).ifPresent(Channel::close);
    }

    static final String CHANNEL_ATTRIBUTE = "netty_channel";

    private static boolean abandoned(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CancellationException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
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
