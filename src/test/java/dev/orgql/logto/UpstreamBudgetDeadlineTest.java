package dev.orgql.logto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request's waits for shared results ({@link UpstreamBudget#bound}) end together at its deadline, each
 * with its own message, while the shared results go on for others; results that arrive in time pass
 * through unchanged, failures with their own cause.
 */
class UpstreamBudgetDeadlineTest {

    @Test
    void everyOpenWaitEndsAtTheDeadlineAndTheSharedResultsGoOn() {
        UpstreamBudget budget = UpstreamBudget.of(Duration.ofMillis(150));
        CompletableFuture<String> members = new CompletableFuture<>();
        CompletableFuture<String> bots = new CompletableFuture<>();
        CompletableFuture<String> invitations = new CompletableFuture<>();

        List<CompletableFuture<String>> waits = List.of(
                budget.bound(members, "GET members"),
                budget.bound(bots, "GET bots"),
                budget.bound(invitations, "GET invitations"));
        invitations.complete("in time");

        assertThat(waits.get(2).orTimeout(1, TimeUnit.SECONDS).join()).isEqualTo("in time");
        for (int i = 0; i < 2; i++) {
            Throwable failure = failureOf(waits.get(i));
            assertThat(failure).isInstanceOf(LogtoException.class);
            assertThat(((LogtoException) failure).failure()).isEqualTo(UpstreamFailure.TIMEOUT);
            assertThat(failure.getMessage())
                    .contains("deadline of 150 ms")
                    .endsWith(i == 0 ? "GET members" : "GET bots");
        }
        assertThat(members).isNotDone();
        assertThat(bots).isNotDone();
        // A wait begun after the deadline fails at once.
        assertThat(failureOf(budget.bound(new CompletableFuture<>(), "GET late"))
                        .getMessage())
                .endsWith("GET late");
    }

    @Test
    void aFailedSharedResultFailsTheWaitWithItsOwnCause() {
        UpstreamBudget budget = UpstreamBudget.of(Duration.ofSeconds(5));
        CompletableFuture<String> read = new CompletableFuture<>();
        CompletableFuture<String> dependent = read.thenApply(value -> value);
        CompletableFuture<String> wait = budget.bound(dependent, "GET members");
        LogtoException cause = new LogtoException(UpstreamFailure.ERROR, "Logto answered 503", null, null);

        read.completeExceptionally(cause);

        assertThat(failureOf(wait)).isSameAs(cause);
        budget.close();
    }

    @Test
    void aClosedRequestsWaitsStillEndAtItsDeadline() {
        UpstreamBudget budget = UpstreamBudget.of(Duration.ofMillis(100));
        CompletableFuture<String> wait = budget.bound(new CompletableFuture<>(), "GET members");

        budget.close();

        assertThat(failureOf(wait).getMessage()).contains("The request ended before Logto answered GET members");
        assertThat(failureOf(budget.bound(new CompletableFuture<>(), "GET bots"))
                        .getMessage())
                .contains("The request ended");
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.orTimeout(2, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed normally");
    }
}
