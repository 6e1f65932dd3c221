package dev.orgql.graphql;

import dev.orgql.logto.UpstreamBudget;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code limit} admitted GraphQL requests do the gateway's own work at once; the others wait in
 * line, in order of arrival, before they are parsed. A request waiting for Logto's answer is not working:
 * it lends its place to the next in line until the answer is back, and then goes on at once (over the limit
 * for a moment rather than waiting a second time). At most {@code activeLimit} are let in from the line and
 * not yet done (working or waiting for Logto), whatever they lend.
 *
 * <p>Why: the work of requests beyond what the CPUs can do at once only interleaves, so every answer takes
 * longer and what each request holds stays live longer. With 200 clients on 2 cores an answer took 0.4 s
 * while young collections came every 10 ms: everything in flight was promoted, and a small heap thrashed.
 * Queued, a request holds only its body. A fixed bound on requests in flight, waiting for Logto included,
 * would throttle a replica whose Logto is slow instead (measured: 117 against 319 req/s at 100 ms per
 * call), hence the lending. But lending alone bounds nothing when Logto answers fast: the requests that
 * wait for one coalesced read all lent their places, so every client got in, and all resumed at once when
 * the shared answer came, each building its answer (measured with a 64 MiB heap and 200 clients at 0 ms:
 * the heap ran out), hence the second bound on requests let in.
 *
 * <p>Thread-safe; a ticket's moves are made under its own lock, the queue's without a lock. Whoever frees
 * a place (a request done or waiting for Logto) hands it to the next in line, whose start runs on that
 * request's own executor (its connection's event loop), never inside the caller's stack.
 */
final class WorkingRequests {
    private static final long ONE_ACTIVE = 1L << 32;
    private static final long ONE_WORKING = 1L;
    /** What a request let in from the line takes: an entry, and a place to work. */
    private static final long LET_IN = ONE_ACTIVE + ONE_WORKING;

    private final int limit;
    private final int activeLimit;
    /**
     * Both counts in one word, so that a place is taken only if both bounds allow it: requests let in and not
     * done in the high half, those of them working in the low half.
     */
    private final AtomicLong places = new AtomicLong();

    private final Queue<Ticket> line = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    WorkingRequests(int limit, int activeLimit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        if (activeLimit < limit) {
            throw new IllegalArgumentException(
                    "activeLimit must be at least the limit (" + limit + "), not " + activeLimit);
        }
        this.limit = limit;
        this.activeLimit = activeLimit;
    }

    int limit() {
        return limit;
    }

    int activeLimit() {
        return activeLimit;
    }

    /** Requests doing the gateway's own work now (may exceed the limit for a moment, see the class comment). */
    int working() {
        return (int) (places.get() & 0xFFFF_FFFFL);
    }

    /** Requests let in from the line and not done: working, or waiting for Logto. */
    int active() {
        return (int) (places.get() >>> 32);
    }

    /** Requests waiting in line for a place. */
    int queued() {
        return queued.get();
    }

    /**
     * A ticket that works at once if a place is free; otherwise it waits in line and {@code start} is run on
     * {@code executor} when a place is handed to it (unless it was {@link Ticket#cancel cancelled} first).
     * {@link Ticket#atOnce()} says which.
     */
    Ticket enter(Executor executor, Runnable start) {
        if (tryTake()) {
            return new Ticket(executor, start, true);
        }
        Ticket ticket = new Ticket(executor, start, false);
        queued.incrementAndGet();
        line.add(ticket);
        // A place freed between the failed take and the add finds nobody in line: look again.
        handOn();
        return ticket;
    }

    private boolean tryTake() {
        while (true) {
            long now = places.get();
            if ((now & 0xFFFF_FFFFL) >= limit || (now >>> 32) >= activeLimit) {
                return false;
            }
            if (places.compareAndSet(now, now + LET_IN)) {
                return true;
            }
        }
    }

    /** Gives back what {@code taken} counts (a working place, a request let in, or both); the next in line may go. */
    private void release(long taken) {
        places.addAndGet(-taken);
        handOn();
    }

    private void handOn() {
        while (!line.isEmpty() && tryTake()) {
            Ticket next = line.poll();
            if (next == null) {
                places.addAndGet(-LET_IN);
                continue;
            }
            queued.decrementAndGet();
            if (!next.admit()) {
                // Cancelled while in line: the place goes to the one after it.
                places.addAndGet(-LET_IN);
            }
        }
    }

    private enum State {
        QUEUED,
        WORKING,
        WAITING,
        DONE
    }

    /**
     * One request's place. It tells its budget's waits to the line ({@link UpstreamBudget.WaitListener}), and
     * {@link #done()} when its answer is complete, failed or abandoned.
     */
    final class Ticket implements UpstreamBudget.WaitListener {
        private final Executor executor;
        private final Runnable start;
        private final boolean atOnce;
        /** Guarded by this. */
        private State state;

        private Ticket(Executor executor, Runnable start, boolean atOnce) {
            this.executor = executor;
            this.start = start;
            this.atOnce = atOnce;
            this.state = atOnce ? State.WORKING : State.QUEUED;
        }

        /** It had a place on entering: its start is not run, the caller goes on itself. */
        boolean atOnce() {
            return atOnce;
        }

        synchronized boolean isWorking() {
            return state == State.WORKING;
        }

        /** From the line to work: false if it was cancelled or done meanwhile. */
        private boolean admit() {
            synchronized (this) {
                if (state != State.QUEUED) {
                    return false;
                }
                state = State.WORKING;
            }
            executor.execute(start);
            return true;
        }

        @Override
        public void waiting() {
            synchronized (this) {
                if (state != State.WORKING) {
                    return;
                }
                state = State.WAITING;
            }
            release(ONE_WORKING);
        }

        @Override
        public void resumed() {
            synchronized (this) {
                if (state != State.WAITING) {
                    return;
                }
                state = State.WORKING;
            }
            places.addAndGet(ONE_WORKING);
        }

        /**
         * Leaves the line without starting: true if it was still in line (its start will not run). A ticket
         * already working is left as it is.
         */
        boolean cancel() {
            synchronized (this) {
                if (state != State.QUEUED) {
                    return false;
                }
                state = State.DONE;
            }
            if (line.remove(this)) {
                queued.decrementAndGet();
            }
            return true;
        }

        /** The request is over: its place, if it holds one, goes to the next in line. */
        void done() {
            State was;
            synchronized (this) {
                was = state;
                state = State.DONE;
            }
            if (was == State.WORKING) {
                release(LET_IN);
            } else if (was == State.WAITING) {
                release(ONE_ACTIVE);
            } else if (was == State.QUEUED && line.remove(this)) {
                queued.decrementAndGet();
            }
        }
    }
}
