package dev.orgql.graphql;

import dev.orgql.logto.Telemetry;
import dev.orgql.logto.UpstreamBudget;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * At most {@code orgql.server.max-concurrent-requests} GraphQL requests are in flight at once. One more is
 * answered at once with HTTP 503, {@code Retry-After} and {@code UPSTREAM_BUSY}, before its query is
 * parsed or its token checked: when the gateway is that busy (Logto slow, a flood of clients), a fast
 * refusal the client can retry beats a request that queues behind the others and times out anyway.
 * Of those in flight, at most {@code orgql.server.max-working-requests} do the gateway's own work at once
 * and the others wait in line before parsing ({@link WorkingRequests}: one waiting for Logto lends its
 * place), and at most {@code orgql.server.max-active-requests} are let in from the line and not done;
 * one still in line after {@code orgql.request-deadline} gets the same 503, and one whose client left
 * leaves the line. Only GraphQL executions count: the health endpoints and the schema are outside.
 */
@Singleton
class RequestAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAdmission.class);
    private static final long WARN_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();
    /** Beyond this many per processor, requests' work only interleaves (see {@link WorkingRequests}). */
    static final int WORKING_PER_PROCESSOR = 8;
    /**
     * Requests let in per working place at most by default: enough that those waiting for a slow Logto do
     * not throttle the others.
     */
    static final int ACTIVE_PER_WORKING_PLACE = 4;
    /**
     * Heap per request let in by default, so that a burst of answers does not outgrow a small heap: with
     * a 64 MiB heap and C2, 64 let in at 200 clients kept the heap collecting and peaked at 254
     * to 259 MiB of RSS, 32 at 244 to 251 MiB with 1.5 times the throughput (README, "Benchmark").
     */
    static final long HEAP_PER_ACTIVE_REQUEST = 2L << 20;

    private final Semaphore permits;
    private final int max;
    private final WorkingRequests working;
    private final Duration lineDeadline;
    private final long retryAfterSeconds;
    /** Refusals not yet logged, and when the last WARN was written: at most one a minute under a flood. */
    private final AtomicLong refused = new AtomicLong();

    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

    @Inject
    RequestAdmission(
            Config config, @Value("${orgql.request-deadline:10s}") Duration lineDeadline, Telemetry telemetry) {
        this(config, lineDeadline, telemetry.registry(), Runtime.getRuntime().maxMemory());
    }

    RequestAdmission(Config config, Duration lineDeadline, MeterRegistry registry, long maxHeapBytes) {
        if (config.getMaxConcurrentRequests() < 1) {
            throw new ConfigurationException("ORGQL_SERVER_MAX_CONCURRENT_REQUESTS must be at least 1, not "
                    + config.getMaxConcurrentRequests());
        }
        if (config.getMaxWorkingRequests() < 0) {
            throw new ConfigurationException("ORGQL_SERVER_MAX_WORKING_REQUESTS must be at least 1 (or 0 for "
                    + WORKING_PER_PROCESSOR + " per processor), not " + config.getMaxWorkingRequests());
        }
        int workingLimit = config.getMaxWorkingRequests() == 0
                ? WORKING_PER_PROCESSOR * Runtime.getRuntime().availableProcessors()
                : config.getMaxWorkingRequests();
        if (config.getMaxActiveRequests() != 0 && config.getMaxActiveRequests() < workingLimit) {
            throw new ConfigurationException("ORGQL_SERVER_MAX_ACTIVE_REQUESTS must be at least"
                    + " ORGQL_SERVER_MAX_WORKING_REQUESTS (" + workingLimit + "), or 0 for one per "
                    + (HEAP_PER_ACTIVE_REQUEST >> 20) + " MiB of heap within 1 to " + ACTIVE_PER_WORKING_PLACE
                    + " times that, not " + config.getMaxActiveRequests());
        }
        Duration retryAfter = config.getBusyRetryAfter();
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new ConfigurationException(
                    "ORGQL_SERVER_BUSY_RETRY_AFTER must be a duration such as 1s, not " + retryAfter);
        }
        this.max = config.getMaxConcurrentRequests();
        this.permits = new Semaphore(max);
        this.working = new WorkingRequests(
                workingLimit,
                config.getMaxActiveRequests() == 0
                        ? defaultActiveLimit(workingLimit, maxHeapBytes)
                        : config.getMaxActiveRequests());
        this.lineDeadline = lineDeadline;
        // Retry-After counts whole seconds; a fraction is rounded up so that a client never comes back early.
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        Gauge.builder("orgql.server.requests.working", working, WorkingRequests::working)
                .description("GraphQL requests doing the gateway's own work now (not waiting for Logto)")
                .register(registry);
        Gauge.builder("orgql.server.requests.active", working, WorkingRequests::active)
                .description("GraphQL requests let in from the line and not done: working or waiting for Logto")
                .register(registry);
        Gauge.builder("orgql.server.requests.queued", working, WorkingRequests::queued)
                .description("GraphQL requests waiting in line for orgql.server.max-working-requests")
                .register(registry);
    }

    /**
     * One request let in per {@link #HEAP_PER_ACTIVE_REQUEST} of the heap the JVM may use, but never fewer
     * than the working places (each must be able to work) nor more than
     * {@link #ACTIVE_PER_WORKING_PLACE} per place.
     */
    static int defaultActiveLimit(int workingLimit, long maxHeapBytes) {
        long byHeap = maxHeapBytes / HEAP_PER_ACTIVE_REQUEST;
        return (int) Math.max(workingLimit, Math.min((long) ACTIVE_PER_WORKING_PLACE * workingLimit, byHeap));
    }

    /** How many requests may be let in from the line and not be done, as configured or by default. */
    int activeLimit() {
        return working.activeLimit();
    }

    /**
     * Runs the request when it may (and frees its places when the answer is done, failed or abandoned);
     * {@code request} gets what its budget tells of its waits for Logto.
     */
    Publisher<ExecutionResult> run(
            HttpRequest<?> httpRequest,
            MutableHttpResponse<?> httpResponse,
            Function<UpstreamBudget.WaitListener, Publisher<ExecutionResult>> request) {
        // Deferred: the place is taken when the answer is asked for, so doFinally always gives it back.
        return Mono.defer(() -> {
            if (!permits.tryAcquire()) {
                return Mono.just(busy(httpResponse, max + " were in flight (orgql.server.max-concurrent-requests)"));
            }
            AtomicBoolean released = new AtomicBoolean();
            CompletableFuture<Boolean> admitted = new CompletableFuture<>();
            WorkingRequests.Ticket ticket = working.enter(executorOf(httpRequest), () -> admitted.complete(true));
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    ticket.done();
                    permits.release();
                }
            };
            try {
                Mono<ExecutionResult> answer = ticket.atOnce()
                        ? Mono.from(request.apply(ticket))
                        : inLine(httpRequest, httpResponse, ticket, admitted, request);
                return answer.doFinally(signal -> release.run());
            } catch (RuntimeException e) {
                release.run();
                throw e;
            }
        });
    }

    private Mono<ExecutionResult> inLine(
            HttpRequest<?> httpRequest,
            MutableHttpResponse<?> httpResponse,
            WorkingRequests.Ticket ticket,
            CompletableFuture<Boolean> admitted,
            Function<UpstreamBudget.WaitListener, Publisher<ExecutionResult>> request) {
        // A client gone while in line leaves it: Micronaut does not cancel the answer (see ClientDisconnect).
        Runnable stopListening = ClientDisconnect.onClose(httpRequest, () -> {
            if (ticket.cancel()) {
                admitted.complete(false);
            }
        });
        CompletableFuture<Boolean> started = admitted.orTimeout(lineDeadline.toNanos(), TimeUnit.NANOSECONDS)
                // Timed out in line, unless a place was handed to it just now.
                .exceptionally(timedOut -> !ticket.cancel());
        return Mono.fromFuture(started).flatMap(admit -> {
            stopListening.run();
            if (!admit) {
                return Mono.just(busy(
                        httpResponse,
                        "they waited " + lineDeadline.toMillis() + " ms in line for one of " + working.limit()
                                + " places (orgql.server.max-working-requests, at most " + working.activeLimit()
                                + " let in: orgql.server.max-active-requests)"));
            }
            return Mono.from(request.apply(ticket));
        });
    }

    /** The request's own connection's event loop: a request let in from the line starts there. */
    private static Executor executorOf(HttpRequest<?> httpRequest) {
        if (httpRequest instanceof NettyHttpRequest<?> netty) {
            return netty.getChannelHandlerContext().channel().eventLoop();
        }
        return ForkJoinPool.commonPool();
    }

    private ExecutionResult busy(MutableHttpResponse<?> httpResponse, String why) {
        refused.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn(
                    "{} GraphQL request(s) answered 503 UPSTREAM_BUSY, the last because {}; at most one such line a minute",
                    refused.getAndSet(0),
                    why);
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
        private int maxWorkingRequests;
        private int maxActiveRequests;

        /** GraphQL requests that may be in flight at once, in line or working. */
        public int getMaxConcurrentRequests() {
            return maxConcurrentRequests;
        }

        public void setMaxConcurrentRequests(int maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
        }

        /**
         * GraphQL requests that may do the gateway's own work at once (not counting those waiting for Logto);
         * 0 is {@value RequestAdmission#WORKING_PER_PROCESSOR} per processor the JVM sees.
         */
        public int getMaxWorkingRequests() {
            return maxWorkingRequests;
        }

        public void setMaxWorkingRequests(int maxWorkingRequests) {
            this.maxWorkingRequests = maxWorkingRequests;
        }

        /**
         * GraphQL requests that may be let in from the line and not done, working or waiting for Logto; 0 is
         * one per 2 MiB of the heap, at least the working limit and at most
         * {@value RequestAdmission#ACTIVE_PER_WORKING_PLACE} times it ({@link RequestAdmission#defaultActiveLimit}).
         */
        public int getMaxActiveRequests() {
            return maxActiveRequests;
        }

        public void setMaxActiveRequests(int maxActiveRequests) {
            this.maxActiveRequests = maxActiveRequests;
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
