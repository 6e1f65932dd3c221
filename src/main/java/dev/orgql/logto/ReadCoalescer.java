package dev.orgql.logto;

import io.micrometer.core.instrument.Counter;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical Management API reads in flight at the same time (same path and query), across requests, are
 * sent once and their answer shared. That is safe because every read uses the gateway's own token and
 * access is decided before any read. The shared call runs in a budget of its own, so that the end of one
 * waiter's request does not cancel it for the others: its deadline is the longest remaining deadline of
 * its waiters (moved on as they join; the configured request deadline for a waiter outside any request,
 * such as a cache load), which bounds its retries too, and it is cancelled as soon as every waiter has
 * gone (each waits no longer than its own deadline). A failed call fails every waiter with the same {@link LogtoException}. Joins are
 * counted in {@code orgql.upstream.coalesced} by route template.
 *
 * <p>{@code orgql.upstream.coalesce=false} turns it off; that exists only for the benchmark's side-by-side
 * comparison.
 */
@Singleton
class ReadCoalescer {
    private final Map<String, Shared> inFlight = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final UpstreamBudgets budgets;
    private final Telemetry telemetry;

    ReadCoalescer(
            @Value("${orgql.upstream.coalesce:true}") boolean enabled, UpstreamBudgets budgets, Telemetry telemetry) {
        this.enabled = enabled;
        this.budgets = budgets;
        this.telemetry = telemetry;
    }

    boolean enabled() {
        return enabled;
    }

    /** The answer of {@code path}, from the call in flight for it or from a new one that {@code call} makes. */
    CompletableFuture<LogtoResponse> read(LogtoPath path, Supplier<CompletableFuture<LogtoResponse>> call) {
        String key = path.toString();
        UpstreamBudget mine = UpstreamBudget.current();
        while (true) {
            Shared shared = inFlight.get(key);
            boolean first = false;
            if (shared == null) {
                Shared made = new Shared(key);
                shared = inFlight.putIfAbsent(key, made);
                if (shared == null) {
                    shared = made;
                    first = true;
                }
            }
            if (!shared.join(mine == null ? budgets.deadline() : mine.remaining())) {
                // Every waiter left just now and the call is being cancelled: start anew.
                inFlight.remove(key, shared);
                continue;
            }
            if (first) {
                start(shared, call);
            } else {
                Counter.builder("orgql.upstream.coalesced")
                        .description("Management API reads that joined an identical read already in flight")
                        .tag("route", path.route())
                        .register(telemetry.registry())
                        .increment();
            }
            return waitFor(shared, mine, "GET " + path.route());
        }
    }

    /** Reads in flight are no longer joined (a write may have changed their answer); their waiters keep them. */
    void forgetInFlight() {
        inFlight.clear();
    }

    private void start(Shared shared, Supplier<CompletableFuture<LogtoResponse>> call) {
        CompletableFuture<LogtoResponse> work;
        try (UpstreamBudget.Scope ignored = shared.budget.enter()) {
            work = call.get();
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((response, error) -> {
            inFlight.remove(shared.key, shared);
            if (error != null) {
                shared.result.completeExceptionally(UpstreamCalls.unwrap(error));
            } else {
                shared.result.complete(response);
            }
        });
    }

    private static CompletableFuture<LogtoResponse> waitFor(Shared shared, UpstreamBudget mine, String what) {
        if (mine == null) {
            CompletableFuture<LogtoResponse> copy = shared.result.copy();
            copy.whenComplete((response, error) -> shared.leave());
            return copy;
        }
        CompletableFuture<LogtoResponse> waiting = mine.bound(shared.result, what);
        if (waiting != shared.result) {
            // Cancelled when this waiter's request ends; the shared call goes on for the others.
            mine.track(waiting);
        }
        waiting.whenComplete((response, error) -> shared.leave());
        return mine.relay(waiting);
    }

    /** One read in flight and the requests waiting for it. */
    private final class Shared {
        final String key;
        final UpstreamBudget budget = UpstreamBudget.sharing(budgets.deadline());
        final CompletableFuture<LogtoResponse> result = new CompletableFuture<>();
        private int waiters;
        private boolean abandoned;

        Shared(String key) {
            this.key = key;
        }

        synchronized boolean join(Duration left) {
            if (abandoned) {
                return false;
            }
            waiters++;
            budget.extendTo(left);
            return true;
        }

        void leave() {
            boolean cancel;
            synchronized (this) {
                waiters--;
                cancel = waiters == 0 && !result.isDone();
                if (cancel) {
                    abandoned = true;
                }
            }
            if (cancel) {
                inFlight.remove(key, this);
                budget.close();
            }
        }
    }
}
