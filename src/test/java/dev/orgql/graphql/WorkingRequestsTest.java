package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The line in front of the gateway's own work: places, the order of the line, lending a place while
 * waiting for Logto, and leaving the line. Starts run on the ticket's executor; here a list records them.
 */
class WorkingRequestsTest {
    private final List<String> started = new ArrayList<>();

    private WorkingRequests.Ticket enter(WorkingRequests line, String name) {
        return line.enter(Runnable::run, () -> started.add(name));
    }

    @Test
    void worksAtOnceWhilePlacesAreFreeThenQueuesInOrder() {
        WorkingRequests line = new WorkingRequests(2, 1000);
        WorkingRequests.Ticket a = enter(line, "a");
        WorkingRequests.Ticket b = enter(line, "b");
        WorkingRequests.Ticket c = enter(line, "c");
        WorkingRequests.Ticket d = enter(line, "d");

        assertThat(a.atOnce()).isTrue();
        assertThat(b.atOnce()).isTrue();
        assertThat(c.atOnce()).isFalse();
        assertThat(d.atOnce()).isFalse();
        assertThat(c.isWorking()).isFalse();
        assertThat(started)
                .as("who works at once is not started through the executor")
                .isEmpty();
        assertThat(line.working()).isEqualTo(2);
        assertThat(line.queued()).isEqualTo(2);

        a.done();
        assertThat(started).containsExactly("c");
        assertThat(c.isWorking()).isTrue();
        assertThat(c.atOnce()).isFalse();
        b.done();
        assertThat(started).containsExactly("c", "d");
        assertThat(line.queued()).isZero();
        c.done();
        d.done();
        assertThat(line.working()).isZero();
    }

    @Test
    void aRequestWaitingForLogtoLendsItsPlaceAndTakesItBackOverTheLimit() {
        WorkingRequests line = new WorkingRequests(1, 1000);
        WorkingRequests.Ticket a = enter(line, "a");
        WorkingRequests.Ticket b = enter(line, "b");
        assertThat(b.isWorking()).isFalse();

        a.waiting();
        assertThat(started).as("a's wait for Logto lets b in").containsExactly("b");
        assertThat(line.working()).isEqualTo(1);

        a.resumed();
        assertThat(line.working())
                .as("a's answer is back: it goes on at once, over the limit for a moment")
                .isEqualTo(2);
        WorkingRequests.Ticket c = enter(line, "c");
        assertThat(c.isWorking()).isFalse();

        b.done();
        assertThat(started).as("still one over the limit: c waits").containsExactly("b");
        a.done();
        assertThat(started).containsExactly("b", "c");
        c.done();
        assertThat(line.working()).isZero();
    }

    @Test
    void waitsAndResumesAreCountedOnceAndIgnoredAfterDone() {
        WorkingRequests line = new WorkingRequests(1, 1000);
        WorkingRequests.Ticket a = enter(line, "a");
        a.waiting();
        a.waiting();
        assertThat(line.working()).isZero();
        a.resumed();
        a.resumed();
        assertThat(line.working()).isEqualTo(1);
        a.waiting();
        a.done();
        assertThat(line.working()).as("done while waiting holds no place").isZero();
        a.resumed();
        a.done();
        assertThat(line.working()).isZero();
    }

    @Test
    void aTicketThatLeftTheLineNeverStartsAndItsTurnGoesToTheNext() {
        WorkingRequests line = new WorkingRequests(1, 1000);
        WorkingRequests.Ticket a = enter(line, "a");
        WorkingRequests.Ticket b = enter(line, "b");
        WorkingRequests.Ticket c = enter(line, "c");

        assertThat(b.cancel()).isTrue();
        assertThat(line.queued()).isEqualTo(1);
        a.done();
        assertThat(started).containsExactly("c");
        assertThat(c.cancel()).as("a working ticket is not cancelled").isFalse();
        assertThat(c.isWorking()).isTrue();
        c.done();
        b.done();
        assertThat(line.working()).isZero();
        assertThat(line.queued()).isZero();
    }

    @Test
    void aRequestDoneWhileInLineLeavesIt() {
        WorkingRequests line = new WorkingRequests(1, 1000);
        WorkingRequests.Ticket a = enter(line, "a");
        WorkingRequests.Ticket b = enter(line, "b");
        b.done();
        assertThat(line.queued()).isZero();
        a.done();
        assertThat(started).isEmpty();
        assertThat(line.working()).isZero();
    }

    @Test
    void lendingLetsInNoMoreThanTheActiveLimit() {
        WorkingRequests line = new WorkingRequests(1, 2);
        WorkingRequests.Ticket a = enter(line, "a");
        WorkingRequests.Ticket b = enter(line, "b");
        WorkingRequests.Ticket c = enter(line, "c");

        a.waiting();
        assertThat(started).containsExactly("b");
        b.waiting();
        assertThat(started)
                .as("a and b both wait for Logto, but two are let in already: c stays in line")
                .containsExactly("b");
        assertThat(line.working()).isZero();
        assertThat(line.active()).isEqualTo(2);
        assertThat(line.queued()).isEqualTo(1);

        a.resumed();
        a.done();
        assertThat(started).as("b still waits: a's leaving lets c in").containsExactly("b", "c");
        assertThat(line.active()).isEqualTo(2);
        b.done();
        assertThat(line.active()).as("done while waiting gives back its entry").isEqualTo(1);
        assertThat(line.working()).isEqualTo(1);
        c.done();
        assertThat(line.active()).isZero();
        assertThat(line.working()).isZero();
    }

    @Test
    void refusesALimitBelowOneAndAnActiveLimitBelowTheLimit() {
        assertThatThrownBy(() -> new WorkingRequests(0, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingRequests(4, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Many threads entering, waiting, resuming and finishing at once: every ticket starts once, no place leaks. */
    @Test
    void underContentionEveryTicketStartsOnceAndNoPlaceLeaks() throws Exception {
        int limit = 3;
        int activeLimit = 5;
        int tickets = 20_000;
        WorkingRequests line = new WorkingRequests(limit, activeLimit);
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(tickets);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < tickets; i++) {
                int n = i;
                threads.execute(() -> {
                    WorkingRequests.Ticket[] mine = new WorkingRequests.Ticket[1];
                    Runnable work = () -> {
                        starts.incrementAndGet();
                        mostActive.accumulateAndGet(line.active(), Math::max);
                        WorkingRequests.Ticket ticket = mine[0];
                        if (n % 3 == 0) {
                            ticket.waiting();
                            ticket.resumed();
                        }
                        ticket.done();
                        finished.countDown();
                    };
                    // The start may be handed to another thread before enter returns: it waits for the ticket.
                    CountDownLatch known = new CountDownLatch(1);
                    mine[0] = line.enter(
                            command -> threads.execute(() -> {
                                awaitQuietly(known);
                                command.run();
                            }),
                            work);
                    known.countDown();
                    if (mine[0].atOnce()) {
                        work.run();
                    } else if (n % 7 == 0 && mine[0].cancel()) {
                        cancelled.incrementAndGet();
                        mine[0].done();
                        finished.countDown();
                    }
                });
            }
            assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            threads.shutdownNow();
        }
        assertThat(line.working()).isZero();
        assertThat(line.active()).isZero();
        assertThat(line.queued()).isZero();
        assertThat(mostActive.get()).isBetween(1, activeLimit);
        assertThat(starts.get() + cancelled.get())
                .as("each ticket started or left the line, once")
                .isEqualTo(tickets);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
