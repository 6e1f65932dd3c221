package dev.orgql.logto;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One GraphQL request's share of Logto: a deadline that bounds its queueing for a connection, its
 * retries and its upstream calls together, and the calls it has in flight, cancelled (which frees
 * their pooled connections) when the request ends. The graphql layer opens one per request
 * ({@link UpstreamBudgets#open()}) and closes it when the answer is written or the client went away.
 *
 * <p>{@link ManagementApi} finds the budget of the code that calls it through {@link #current()}: the
 * request enters its budget around execution, and every Management API answer is handed to the code
 * waiting for it inside the budget of the request that made the call ({@link #relay}), so the calls
 * a field makes after another call's answer (the next page, the inviters of the invitations) are
 * bounded too. Reads shared across requests (caches) are made outside any budget ({@link #detached}).
 */
public final class UpstreamBudget implements AutoCloseable {
    private static final ThreadLocal<UpstreamBudget> CURRENT = new ThreadLocal<>();

    private final Duration deadline;
    /** Fixed for a request's budget; moved later as waiters join for a shared read's ({@link #sharing}). */
    private volatile long deadlineNanos;

    private final boolean shared;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean readsFresh;

    /** The waits {@link #bound} to this request's deadline, and what each waits for (for the message). */
    private final Map<CompletableFuture<?>, String> waits = new ConcurrentHashMap<>();
    /** Told when the request starts and stops waiting for Logto; null for a budget nobody listens to. */
    private volatile WaitListener listener;
    /** The answers this request waits for now, through {@link #relay}. */
    private final AtomicInteger awaited = new AtomicInteger();

    /** Fires {@link #expire} at the deadline; set by the first wait. Guarded by this. */
    private Timeout alarm;
    /** Guarded by this. */
    private boolean expired;

    private static final long DEADLINE_TICK_MS = 100;

    /**
     * Every request's deadline alarm. A hashed wheel (Netty's, the timer Lettuce uses too) rather than a
     * ScheduledThreadPoolExecutor: each request's alarm was the executor's earliest task, so setting it
     * woke the timer thread, which went back to sleep at once (at one client about 70 µs of CPU per
     * request, a twentieth of a one-call request). Setting and cancelling an alarm on the wheel is a
     * queue operation; its thread ticks every {@value #DEADLINE_TICK_MS} ms, which is all a deadline of
     * seconds may be late by (a 20 ms tick cost an idle gateway about 2% of a core in wake-ups).
     */
    private static final HashedWheelTimer DEADLINES = new HashedWheelTimer(
            runnable -> {
                Thread thread = new Thread(runnable, "orgql-request-deadlines");
                thread.setDaemon(true);
                return thread;
            },
            DEADLINE_TICK_MS,
            TimeUnit.MILLISECONDS,
            512);

    private UpstreamBudget(Duration deadline) {
        this.deadline = deadline;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        this.shared = false;
    }

    private UpstreamBudget(Duration deadline, long deadlineNanos) {
        this.deadline = deadline;
        this.deadlineNanos = deadlineNanos;
        this.shared = true;
    }

    /**
     * The budget of a read shared by several requests' waiters (logto.ReadCoalescer): no time until a waiter
     * {@link #extendTo extends} it, then as long as the longest-waiting waiter. Its exchanges carry no timeout
     * of their own: each waiter waits no longer than its own deadline, and the last to leave closes it.
     */
    static UpstreamBudget sharing(Duration deadline) {
        return new UpstreamBudget(deadline, System.nanoTime());
    }

    /** Lets a shared read run for at least {@code left} from now (another waiter with that much time joined). */
    synchronized void extendTo(Duration left) {
        long until = System.nanoTime() + left.toNanos();
        if (until - deadlineNanos > 0) {
            deadlineNanos = until;
        }
    }

    boolean isShared() {
        return shared;
    }

    /** A budget of this long from now. */
    public static UpstreamBudget of(Duration deadline) {
        return new UpstreamBudget(deadline);
    }

    /** The budget of the request this thread is working for; null outside any. */
    public static UpstreamBudget current() {
        return CURRENT.get();
    }

    /** Makes this the current budget until the scope is closed. */
    public Scope enter() {
        UpstreamBudget previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Runs {@code call} outside any budget: for a read that other requests share and must not cancel. */
    public static <T> T detached(Supplier<T> call) {
        UpstreamBudget previous = CURRENT.get();
        CURRENT.remove();
        try {
            return call.get();
        } finally {
            if (previous != null) {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * A read shared with other requests (a cache load): made outside any budget, so that no request's
     * end cancels it for the others, and waited for by the calling request within its own deadline.
     */
    public static <T> CompletableFuture<T> shared(Supplier<CompletableFuture<T>> read) {
        UpstreamBudget budget = current();
        CompletableFuture<T> load = detached(read);
        return budget == null ? load : budget.relay(budget.bound(load, "a shared read"));
    }

    /** The time left, zero once the deadline passed or the request ended. */
    public Duration remaining() {
        if (closed) {
            return Duration.ZERO;
        }
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * This request's reads never come from the read caches ({@link ReadCaches}): set for mutations, whose
     * checks and decisions must see Logto as it is (a read in flight may still be joined).
     */
    public void readFresh() {
        readsFresh = true;
    }

    boolean readsFresh() {
        return readsFresh;
    }

    /** The deadline's length, for messages. */
    Duration deadline() {
        return deadline;
    }

    /** Keeps a call in flight so that {@link #close()} cancels it; cancels it at once if already closed. */
    <T> CompletableFuture<T> track(CompletableFuture<T> call) {
        inFlight.add(call);
        call.whenComplete((value, error) -> inFlight.remove(call));
        if (closed) {
            call.cancel(true);
        }
        return call;
    }

    /**
     * Tells {@code listener} when this request starts waiting for Logto (its first answer awaited) and when
     * it stops (its last one is back), before the code that waited goes on.
     */
    public void listenToWaits(WaitListener listener) {
        this.listener = listener;
    }

    /** The result of {@code work}, delivered to whoever waits for it inside this budget. */
    <T> CompletableFuture<T> relay(CompletableFuture<T> work) {
        CompletableFuture<T> relayed = new CompletableFuture<>();
        WaitListener told = work.isDone() ? null : listener;
        if (told != null && awaited.getAndIncrement() == 0) {
            told.waiting();
        }
        work.whenComplete((value, error) -> {
            if (told != null && awaited.decrementAndGet() == 0) {
                told.resumed();
            }
            try (Scope scope = enter()) {
                if (error != null) {
                    relayed.completeExceptionally(error);
                } else {
                    relayed.complete(value);
                }
            }
        });
        return relayed;
    }

    /**
     * Waits for a result shared with other requests (the gateway's token, a coalesced read) for no longer
     * than the time left, without cancelling it for the others. A request's waits share one timer, set
     * at its deadline when the first wait begins ({@link #expire}): a dashboard waits for several shared
     * reads, and a timer each was a measurable part of its CPU. A shared read's own budget, whose deadline
     * moves as waiters join, keeps one timer per wait.
     */
    <T> CompletableFuture<T> bound(CompletableFuture<T> shared, String what) {
        Duration left = remaining();
        if (shared.isDone()) {
            return shared;
        }
        if (left.isZero()) {
            return CompletableFuture.failedFuture(timeout(what));
        }
        if (this.shared) {
            return shared.copy().orTimeout(left.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(error -> {
                Throwable cause = unwrap(error);
                return CompletableFuture.failedFuture(cause instanceof TimeoutException ? timeout(what) : cause);
            });
        }
        CompletableFuture<T> waiting = new CompletableFuture<>();
        synchronized (this) {
            if (expired || closed) {
                return CompletableFuture.failedFuture(timeout(what));
            }
            waits.put(waiting, what);
            if (alarm == null) {
                alarm = DEADLINES.newTimeout(
                        timeout -> expire(), deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }
        waiting.whenComplete((value, error) -> waits.remove(waiting));
        shared.whenComplete((value, error) -> {
            if (error != null) {
                waiting.completeExceptionally(unwrap(error));
            } else {
                waiting.complete(value);
            }
        });
        return waiting;
    }

    /** The request's deadline passed: every wait still open ends with a timeout. */
    private void expire() {
        List<Map.Entry<CompletableFuture<?>, String>> open;
        synchronized (this) {
            expired = true;
            open = new ArrayList<>(waits.entrySet());
        }
        for (Map.Entry<CompletableFuture<?>, String> wait : open) {
            wait.getKey().completeExceptionally(timeout(wait.getValue()));
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    LogtoException timeout(String what) {
        return new LogtoException(
                UpstreamFailure.TIMEOUT,
                closed
                        ? "The request ended before Logto answered " + what
                        : "The request's deadline of " + deadline.toMillis() + " ms ran out before Logto answered "
                                + what,
                null,
                null);
    }

    /** The request ended: its calls still in flight are cancelled and their connections freed. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (CompletableFuture<?> call : inFlight) {
            call.cancel(true);
        }
        synchronized (this) {
            // Waits not tied to the request's calls (a shared read it did not track) still end at the deadline.
            // Done ones may still be listed: a wait leaves the list after the code that waited on it ran.
            if (alarm != null && allDone(waits.keySet())) {
                alarm.cancel();
            }
        }
    }

    private static boolean allDone(Iterable<CompletableFuture<?>> futures) {
        for (CompletableFuture<?> future : futures) {
            if (!future.isDone()) {
                return false;
            }
        }
        return true;
    }

    static boolean cancelled(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hears a request's waits for Logto: graphql.WorkingRequests lends the request's place meanwhile. Both
     * are called on whatever thread starts or ends the wait, and must not block.
     */
    public interface WaitListener {
        /** The request now waits for at least one answer from Logto. */
        void waiting();

        /** Every answer it waited for is back; the code that waited goes on right after this. */
        void resumed();
    }

    /** A scope that restores the budget that was current before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
