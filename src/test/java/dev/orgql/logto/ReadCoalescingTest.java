package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micrometer.core.instrument.Counter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Identical Management API reads in flight at the same time are sent once, across requests, and their
 * answer (or failure) shared; different reads are not merged; and a waiter that goes away (its client
 * left, or its deadline ran out) does not cancel the shared call for the others. The read caches are off
 * here, so that every count is coalescing alone. Each slow answer is delayed long enough (3 s) for the
 * second request to join while the first call is still in flight: the tests wait for events (a call seen
 * by Logto, a join counted), never for time.
 */
@MicronautTest
class ReadCoalescingTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int SLOW_MS = 3_000;
    private static final String ORG_A = "/api/organizations/" + Ids.ORG_A;
    private static final String ORG_B = "/api/organizations/" + Ids.ORG_B;

    @Inject
    Telemetry telemetry;

    @Inject
    LogtoClient logto;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.read-cache.enabled", "false",
                "orgql.upstream.retry.max-attempts", "1",
                "orgql.upstream.breaker.minimum-calls", "1000",
                "orgql.upstream.breaker.sliding-window", "1000");
    }

    @Test
    void twoConcurrentIdenticalReadsMakeOneCall() {
        stubSlow(ORG_A, Ids.ORG_A, "Acme");
        double joinedBefore = coalesced();

        CompletableFuture<HttpResponse<String>> first = organizationName(Ids.ORG_A);
        await(() -> calls(ORG_A) == 1);
        CompletableFuture<HttpResponse<String>> second = organizationName(Ids.ORG_A);

        assertThat(name(first.join())).isEqualTo("Acme");
        assertThat(name(second.join())).isEqualTo("Acme");
        assertThat(calls(ORG_A)).isEqualTo(1);
        assertThat(coalesced() - joinedBefore).isEqualTo(1);
    }

    @Test
    void differentReadsAreNotMerged() {
        stubSlow(ORG_A, Ids.ORG_A, "Acme");
        stubSlow(ORG_B, Ids.ORG_B, "Beta");
        double joinedBefore = coalesced();

        CompletableFuture<HttpResponse<String>> first = organizationName(Ids.ORG_A);
        await(() -> calls(ORG_A) == 1);
        CompletableFuture<HttpResponse<String>> second = organizationName(Ids.ORG_B);

        assertThat(name(first.join())).isEqualTo("Acme");
        assertThat(name(second.join())).isEqualTo("Beta");
        assertThat(calls(ORG_A)).isEqualTo(1);
        assertThat(calls(ORG_B)).isEqualTo(1);
        assertThat(coalesced() - joinedBefore).isZero();
    }

    @Test
    void aFailedSharedCallFailsEveryWaiterAlike() throws Exception {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_A))
                .willReturn(LogtoMock.error(500, "500.internal.json").withFixedDelay(SLOW_MS)));

        CompletableFuture<HttpResponse<String>> first = organizationName(Ids.ORG_A);
        await(() -> calls(ORG_A) == 1);
        double joinedBefore = coalesced();
        CompletableFuture<HttpResponse<String>> second = organizationName(Ids.ORG_A);
        await(() -> coalesced() - joinedBefore == 1);

        JsonNode one = Fixtures.JSON.readTree(first.join().body());
        JsonNode other = Fixtures.JSON.readTree(second.join().body());
        assertThat(one.at("/errors/0/extensions/code").asText()).isEqualTo("UPSTREAM_ERROR");
        assertThat(other.at("/errors/0/extensions/code").asText()).isEqualTo("UPSTREAM_ERROR");
        assertThat(other.at("/errors/0/message")).isEqualTo(one.at("/errors/0/message"));
        assertThat(calls(ORG_A)).isEqualTo(1);
    }

    @Test
    void aClientThatLeavesDoesNotCancelTheSharedCallForTheOther() throws Exception {
        stubSlow(ORG_A, Ids.ORG_A, "Acme");
        CompletableFuture<HttpResponse<String>> staying;
        try (Socket leaving = new Socket(server.getHost(), server.getPort())) {
            send(leaving, Ids.ORG_A);
            await(() -> calls(ORG_A) == 1);
            double joinedBefore = coalesced();
            staying = organizationName(Ids.ORG_A);
            await(() -> coalesced() - joinedBefore == 1);
        }

        // The first client is gone, and with it its request; the call goes on for the one still waiting.
        assertThat(name(staying.join())).isEqualTo("Acme");
        assertThat(calls(ORG_A)).isEqualTo(1);
    }

    @Test
    void aWaiterWhoseDeadlineRunsOutDoesNotCancelTheSharedCallForTheOther() {
        stubSlow(ORG_A, Ids.ORG_A, "Acme");
        // Warm: the gateway's token first, so that the deadline below is the call's alone.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/warm"))
                .willReturn(LogtoMock.json(Fixtures.organization("warm", "Warm"))));
        logto.getOrganization("warm").join();

        UpstreamBudget hurried = UpstreamBudget.of(Duration.ofMillis(300));
        CompletableFuture<Throwable> first;
        try (UpstreamBudget.Scope scope = hurried.enter()) {
            first = logto.getOrganization(Ids.ORG_A).handle((organization, error) -> error);
        }
        await(() -> calls(ORG_A) == 1);
        UpstreamBudget patient = UpstreamBudget.of(Duration.ofSeconds(20));
        CompletableFuture<LogtoModels.Organization> second;
        try (UpstreamBudget.Scope scope = patient.enter()) {
            second = logto.getOrganization(Ids.ORG_A);
        }

        // The first waits no longer than its own deadline; the second gets the answer of the same call.
        assertThat(LogtoErrors.unwrap(first.join()).failure()).isEqualTo(UpstreamFailure.TIMEOUT);
        hurried.close();
        assertThat(second.join().name()).isEqualTo("Acme");
        patient.close();
        assertThat(calls(ORG_A)).isEqualTo(1);
    }

    private static void stubSlow(String path, String id, String name) {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(path))
                .willReturn(LogtoMock.json(Fixtures.organization(id, name)).withFixedDelay(SLOW_MS)));
    }

    private static String body(String organizationId) {
        return Fixtures.JSON
                .createObjectNode()
                .put("query", "{ organization(id: \"" + organizationId + "\") { name } }")
                .toString();
    }

    private CompletableFuture<HttpResponse<String>> organizationName(String organizationId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + orgToken(Ids.ALICE, organizationId, "read:data"))
                .POST(HttpRequest.BodyPublishers.ofString(body(organizationId)))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void send(Socket socket, String organizationId) throws java.io.IOException {
        OutputStream out = socket.getOutputStream();
        byte[] bytes = body(organizationId).getBytes(StandardCharsets.UTF_8);
        out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + orgToken(Ids.ALICE, organizationId, "read:data")
                        + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    private static String name(HttpResponse<String> response) {
        try {
            JsonNode body = Fixtures.JSON.readTree(response.body());
            assertThat(body.get("errors")).as(response.body()).isNull();
            return body.at("/data/organization/name").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long calls(String path) {
        return LogtoMock.calls().stream()
                .filter(call -> call.equals("GET " + path) || call.startsWith("GET " + path + "?"))
                .count();
    }

    private double coalesced() {
        return telemetry.registry().find("orgql.upstream.coalesced").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Waits for an event (at most 10 s), not for time. */
    private static void await(BooleanSupplier event) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!event.getAsBoolean() && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(event.getAsBoolean()).as("awaited event").isTrue();
    }
}
