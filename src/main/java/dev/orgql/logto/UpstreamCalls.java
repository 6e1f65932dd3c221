package dev.orgql.logto;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The two resilience steps around one upstream exchange, with Resilience4j: a circuit breaker that
 * refuses the exchange while its upstream is failing ({@link #guarded}), and retries of an idempotent
 * read ({@link #retried}) on connect failures, resets and closed connections, 502/503/504 and 429,
 * with jittered exponential backoff and Logto's {@code Retry-After} on 429/503, at most
 * {@code orgql.upstream.retry.max-attempts} attempts and never past the request's deadline: a wait
 * that does not fit gives up at once with the last failure (its {@code Retry-After} included). Writes
 * are never passed to {@link #retried}: Logto may have applied one whose answer was lost.
 */
@Singleton
public class UpstreamCalls {
    /** Waits between attempts only: the attempts themselves run on Netty's event loop. */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "orgql-upstream-retry");
        thread.setDaemon(true);
        return thread;
    });

    private final UpstreamBreakers breakers;
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final UpstreamSettings.Retry settings;
    private final IntervalFunction backoff;

    UpstreamCalls(UpstreamBreakers breakers, UpstreamSettings.Retry settings, Telemetry telemetry) {
        this.breakers = breakers;
        // resilience4j_retry_calls{name=..., kind=successful_without_retry|successful_with_retry|failed_...}.
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(telemetry.registry());
        this.settings = settings;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(
                settings.getInitialBackoff(), 2.0, 0.5, settings.getMaxBackoff());
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /**
     * A retry policy for reads whose answers are {@code T}; {@code failureOf} says which answers are
     * failures (a 5xx, a 429) and returns null for the others.
     */
    public <T> ReadRetry<T> readRetry(String name, Function<T, LogtoException> failureOf) {
        RetryConfig config = RetryConfig.<T>custom()
                .maxAttempts(settings.getMaxAttempts())
                .retryOnException(UpstreamCalls::retryable)
                .retryOnResult(answer -> retryable(failureOf.apply(answer)))
                .intervalBiFunction((Integer attempt, Either<Throwable, T> outcome) -> {
                    LogtoException failure = outcome.isLeft()
                            ? (outcome.getLeft() instanceof LogtoException e ? e : null)
                            : failureOf.apply(outcome.get());
                    if (failure != null
                            && (failure.status() == 429 || failure.status() == 503)
                            && failure.retryAfter().isPresent()) {
                        return failure.retryAfter().get().toMillis();
                    }
                    return backoff.apply(attempt);
                })
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build();
        return new ReadRetry<>(retries.retry(name, config), failureOf);
    }

    /**
     * One exchange through {@code breaker}: refused at once with {@link UpstreamFailure#UNAVAILABLE} while
     * it is open, its outcome recorded otherwise.
     */
    public <T> CompletableFuture<T> guarded(
            CircuitBreaker breaker,
            String what,
            Supplier<CompletableFuture<T>> exchange,
            Function<T, LogtoException> failureOf) {
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(breakers.unavailable(breaker, what));
        }
        long start = System.nanoTime();
        CompletableFuture<T> call;
        try {
            call = exchange.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((answer, error) -> {
            long took = System.nanoTime() - start;
            Throwable failure = error != null ? unwrap(error) : failureOf.apply(answer);
            if (failure == null) {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(took, TimeUnit.NANOSECONDS, failure);
            }
        });
        return call;
    }

    /**
     * Sends a read, and sends it again while the policy allows and the budget (null: none) has time
     * for the wait.
     */
    public <T> CompletableFuture<T> retried(
            ReadRetry<T> policy, UpstreamBudget budget, Supplier<CompletableFuture<T>> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(policy, policy.retry.asyncContext(), budget, read, result);
        return result;
    }

    private <T> void attempt(
            ReadRetry<T> policy,
            Retry.AsyncContext<T> context,
            UpstreamBudget budget,
            Supplier<CompletableFuture<T>> read,
            CompletableFuture<T> result) {
        CompletableFuture<T> call;
        try {
            call = read.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((answer, error) -> {
            Throwable failure = error == null ? null : unwrap(error);
            long wait = failure != null ? context.onError(failure) : context.onResult(answer);
            if (wait < 0 || !fits(wait, budget)) {
                if (failure == null) {
                    context.onComplete();
                    result.complete(answer);
                } else {
                    result.completeExceptionally(failure);
                }
                return;
            }
            scheduler.schedule(() -> attempt(policy, context, budget, read, result), wait, TimeUnit.MILLISECONDS);
        });
    }

    /** Whether a wait leaves time for another attempt before the deadline. */
    private static boolean fits(long waitMillis, UpstreamBudget budget) {
        return budget == null
                || (!budget.isClosed() && Duration.ofMillis(waitMillis).compareTo(budget.remaining()) < 0);
    }

    /** Connect failures, resets and closed connections (no answer, not a timeout), 502/503/504 and 429. */
    static boolean retryable(Throwable error) {
        if (!(error instanceof LogtoException e) || UpstreamBudget.cancelled(e)) {
            return false;
        }
        int status = e.status();
        if (status == 0) {
            return e.failure() == UpstreamFailure.ERROR;
        }
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A Resilience4j retry for one kind of read, and which of its answers are failures. */
    public static final class ReadRetry<T> {
        private final Retry retry;
        private final Function<T, LogtoException> failureOf;

        private ReadRetry(Retry retry, Function<T, LogtoException> failureOf) {
            this.retry = retry;
            this.failureOf = failureOf;
        }

        public Retry retry() {
            return retry;
        }

        public Function<T, LogtoException> failureOf() {
            return failureOf;
        }
    }
}
