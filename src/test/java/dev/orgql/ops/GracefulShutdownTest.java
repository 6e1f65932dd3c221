package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Stopping the gateway (what SIGTERM does through the JVM's shutdown hook) while a GraphQL request waits
 * for Logto: readiness turns DOWN at once, the request gets its whole answer, then the gateway is gone.
 * (Without graceful shutdown the answer is a 200 whose Logto call was aborted: no data.) The application context is
 * started here rather than by {@code @MicronautTest}, since the test stops it.
 */
class GracefulShutdownTest {
    /** Longer than the test needs to start the stop while the request is in flight; not a timing assertion. */
    private static final int LOGTO_DELAY_MS = 1500;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private EmbeddedServer server;

    @BeforeEach
    void start() {
        LogtoMock.reset();
        Map<String, Object> properties = new HashMap<>();
        properties.put("logto.endpoint", LogtoMock.endpoint());
        properties.put("logto.m2m-app-id", LogtoMock.M2M_APP_ID);
        properties.put("logto.m2m-app-secret", LogtoMock.M2M_APP_SECRET);
        properties.put("orgql.api-resource", TestTokens.API_RESOURCE);
        properties.put("micronaut.server.port", -1);
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @AfterEach
    void stop() {
        if (server.getApplicationContext().isRunning()) {
            server.getApplicationContext().stop();
        }
    }

    @Test
    void aRequestInFlightFinishesWithItsAnswer() throws Exception {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(
                        LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme")).withFixedDelay(LOGTO_DELAY_MS)));
        HealthProbes.stubProbeAnswered();
        String token = TestTokens.organizationToken(LogtoMock.issuer(), Ids.ALICE, Ids.ORG_A, "read:data");
        URI graphql = URI.create(server.getURL() + "/graphql");
        CompletableFuture<HttpResponse<String>> inFlight =
                HTTP.sendAsync(request(graphql, token), HttpResponse.BodyHandlers.ofString());
        awaitLogtoCall();
        HealthEndpoint health = server.getApplicationContext().getBean(HealthEndpoint.class);
        assertThat(readiness(health)).isEqualTo(HealthStatus.UP);

        // stop() returns once the graceful shutdown is over, so it runs beside the test.
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server.getApplicationContext()::stop);
        HealthStatus duringShutdown = readiness(health);
        for (int i = 0; i < 500 && duringShutdown == HealthStatus.UP && !inFlight.isDone(); i++) {
            Thread.sleep(2);
            duringShutdown = readiness(health);
        }
        assertThat(duringShutdown)
                .as("readiness while the request is in flight")
                .isEqualTo(HealthStatus.DOWN);
        assertThat(inFlight).as("still in flight").isNotDone();
        stopping.get();

        HttpResponse<String> answer = inFlight.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = Fixtures.JSON.readTree(answer.body());
        assertThat(body.at("/data/organization/name").asText()).isEqualTo("Acme");
        assertThat(body.has("errors")).isFalse();
        assertThatThrownBy(() -> HTTP.send(request(graphql, token), HttpResponse.BodyHandlers.ofString()))
                .as("the gateway no longer accepts connections")
                .isInstanceOf(IOException.class);
    }

    private static HealthStatus readiness(HealthEndpoint health) {
        return Mono.from(health.getHealth(null, HealthCheckType.READINESS))
                .block()
                .getStatus();
    }

    private static HttpRequest request(URI graphql, String token) {
        JsonNode body = Fixtures.JSON.valueToTree(
                Map.of("query", GatewayTest.operation("organizationName"), "variables", Map.of("id", Ids.ORG_A)));
        return HttpRequest.newBuilder(graphql)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    /** Waits (boundedly) until WireMock holds the request: it logs a request before delaying its answer. */
    private static void awaitLogtoCall() throws InterruptedException {
        for (int i = 0; i < 500 && LogtoMock.apiCalls().isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(LogtoMock.apiCalls()).hasSize(1);
    }
}
