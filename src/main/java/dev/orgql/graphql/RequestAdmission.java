package dev.orgql.graphql;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * At most {@code orgql.server.max-concurrent-requests} GraphQL requests run at once. One more is
 * answered at once with HTTP 503, {@code Retry-After} and {@code UPSTREAM_BUSY}, before its query is
 * parsed or its token checked: when the gateway is that busy (Logto slow, a flood of clients), a fast
 * refusal the client can retry beats a request that queues behind the others and times out anyway.
 * Only GraphQL executions count: the health endpoints and the schema are outside the limit.
 */
@Singleton
class RequestAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAdmission.class);
    private static final long WARN_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final Semaphore permits;
    private final int max;
    private final long retryAfterSeconds;
    /** Refusals not yet logged, and when the last WARN was written: at most one a minute under a flood. */
    private final AtomicLong refused = new AtomicLong();

    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

    RequestAdmission(Config config) {
        if (config.getMaxConcurrentRequests() < 1) {
            throw new ConfigurationException("ORGQL_SERVER_MAX_CONCURRENT_REQUESTS must be at least 1, not "
                    + config.getMaxConcurrentRequests());
        }
        Duration retryAfter = config.getBusyRetryAfter();
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new ConfigurationException(
                    "ORGQL_SERVER_BUSY_RETRY_AFTER must be a duration such as 1s, not " + retryAfter);
        }
        this.max = config.getMaxConcurrentRequests();
        this.permits = new Semaphore(max);
        // Retry-After counts whole seconds; a fraction is rounded up so that a client never comes back early.
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** Runs the request if a place is free (and frees it when the answer is done, failed or abandoned). */
    Publisher<ExecutionResult> run(MutableHttpResponse<?> httpResponse, Supplier<Publisher<ExecutionResult>> request) {
        // Deferred: the place is taken when the answer is asked for, so doFinally always gives it back.
        return Mono.defer(() -> {
            if (!permits.tryAcquire()) {
                return Mono.just(busy(httpResponse));
            }
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    permits.release();
                }
            };
            try {
                return Mono.from(request.get()).doFinally(signal -> release.run());
            } catch (RuntimeException e) {
                release.run();
                throw e;
            }
        });
    }

    private ExecutionResult busy(MutableHttpResponse<?> httpResponse) {
        refused.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn(
                    "{} GraphQL request(s) answered 503 UPSTREAM_BUSY: {} were in flight "
                            + "(orgql.server.max-concurrent-requests); at most one such line a minute",
                    refused.getAndSet(0),
                    max);
        }
        httpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
        httpResponse.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ErrorCode.UPSTREAM_BUSY.name());
        extensions.put("retryAfterSeconds", retryAfterSeconds);
        return GatewayResults.of(GraphqlErrorBuilder.newError()
                .message("The gateway is busy with other requests; try again in " + retryAfterSeconds + " s.")
                .extensions(extensions)
                .build());
    }

    /** The {@code orgql.server.*} settings of this limit. */
    @ConfigurationProperties("orgql.server")
    static class Config {
        private int maxConcurrentRequests = 512;
        private Duration busyRetryAfter = Duration.ofSeconds(1);

        /** GraphQL requests that may run at once. */
        public int getMaxConcurrentRequests() {
            return maxConcurrentRequests;
        }

        public void setMaxConcurrentRequests(int maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
        }

        /** What a refused request's {@code Retry-After} (and {@code extensions.retryAfterSeconds}) says. */
        public Duration getBusyRetryAfter() {
            return busyRetryAfter;
        }

        public void setBusyRetryAfter(Duration busyRetryAfter) {
            this.busyRetryAfter = busyRetryAfter;
        }
    }
}
