package dev.orgql.http;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.logto.Telemetry;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micrometer.core.instrument.Gauge;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away before its answer takes its request's Logto calls with it: they are cancelled
 * and their pooled connections freed at once, not held until the request's deadline (30 s here) runs
 * out. Micronaut itself does not cancel the request when its client leaves (see graphql.ClientDisconnect).
 */
@MicronautTest
class ClientDisconnectTest extends GatewayTest {
    private static final int HANG_MS = 60_000;

    @Inject
    Telemetry telemetry;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.request-deadline", "30s",
                "orgql.upstream.read-timeout", "60s",
                "orgql.upstream.max-connections", "2",
                "orgql.upstream.breaker.minimum-calls", "1000");
    }

    @Test
    void aClientThatLeavesCancelsItsLogtoCalls() throws Exception {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0).withFixedDelay(HANG_MS)));
        String body = Fixtures.JSON
                .createObjectNode()
                .put("query", "{ organization(id: \"" + Ids.ORG_A + "\") { name members(first: 5) { totalCount } } }")
                .toString();
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Authorization: Bearer " + token + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            String members = "GET /api/organizations/" + Ids.ORG_A + "/users";
            long until = System.nanoTime() + 10_000_000_000L;
            while (LogtoMock.calls().stream().noneMatch(call -> call.startsWith(members))
                    && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(LogtoMock.calls()).anyMatch(call -> call.startsWith(members));
            assertThat(inFlight()).isPositive();
        }

        // Gone: the hanging members call is cancelled long before the 30 s deadline would end it.
        awaitInFlight(value -> value == 0);
        assertThat(inFlight()).isZero();
    }

    private double inFlight() {
        Gauge gauge = telemetry.registry().find("orgql.upstream.in.flight").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    /** Waits for the event, at most 10 s: a third of the deadline that would otherwise end the calls. */
    private void awaitInFlight(java.util.function.DoublePredicate condition) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.test(inFlight()) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }
}
