package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A call that runs out of its request's time while still queued for a pooled connection never reached
 * Logto: it is UPSTREAM_TIMEOUT for the client, but the Management API's breaker does not count it, so a
 * gateway saturated by its own clients does not take a healthy Logto for a failing one.
 */
@MicronautTest
class QueuedTimeoutTest extends GatewayTest {
    @Inject
    LogtoClient logto;

    @Inject
    UpstreamBreakers breakers;

    @Override
    protected Map<String, String> extraProperties() {
        // Without coalescing: the three identical calls below must each queue for the connection (coalesced,
        // they would wait for the slow call in flight, each up to its own deadline; ReadCoalescingTest).
        return Map.of(
                "orgql.upstream.coalesce", "false",
                "orgql.upstream.max-connections", "1",
                "orgql.upstream.read-timeout", "30s",
                "orgql.upstream.retry.max-attempts", "1",
                "orgql.upstream.breaker.minimum-calls", "1000",
                "orgql.upstream.breaker.sliding-window", "1000");
    }

    @Test
    void callsQueuedPastTheDeadlineDoNotCountAgainstLogto() {
        // The token first, so that the calls below are the only ones.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/warm"))
                .willReturn(LogtoMock.json(Fixtures.organization("warm", "Warm"))));
        logto.getOrganization("warm").join();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/hang0000001"))
                .willReturn(LogtoMock.json(Fixtures.organization("hang0000001", "Slow"))
                        .withFixedDelay(3_000)));
        long failedBefore = breakers.managementApi().getMetrics().getNumberOfFailedCalls();

        // One slow call holds the only connection, within a request with time to wait for it...
        UpstreamBudget patient = UpstreamBudget.of(Duration.ofSeconds(20));
        CompletableFuture<?> slow;
        try (UpstreamBudget.Scope scope = patient.enter()) {
            slow = logto.getOrganization("hang0000001");
        }
        awaitCall("/api/organizations/hang0000001");
        // ...while three calls of a hurried request queue behind it and run out of time there.
        UpstreamBudget hurried = UpstreamBudget.of(Duration.ofMillis(500));
        List<CompletableFuture<?>> calls = new ArrayList<>();
        try (UpstreamBudget.Scope scope = hurried.enter()) {
            for (int i = 0; i < 3; i++) {
                calls.add(logto.getOrganization("hang0000001").handle((org, error) -> error));
            }
        }
        List<Object> outcomes =
                calls.stream().map(CompletableFuture::join).map(e -> (Object) e).toList();
        hurried.close();
        slow.join();
        patient.close();

        assertThat(outcomes)
                .allSatisfy(error -> assertThat(
                                LogtoErrors.unwrap((Throwable) error).failure())
                        .isEqualTo(UpstreamFailure.TIMEOUT));
        assertThat(outcomes)
                .allSatisfy(error -> assertThat(
                                LogtoErrors.unwrap((Throwable) error).beforeLogto())
                        .isTrue());
        assertThat(breakers.managementApi().getMetrics().getNumberOfFailedCalls() - failedBefore)
                .isZero();
    }

    private static void awaitCall(String path) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (LogtoMock.apiCalls().stream().noneMatch(call -> call.getUrl().startsWith(path))
                && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
