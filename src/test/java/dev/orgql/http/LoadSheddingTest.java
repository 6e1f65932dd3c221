package dev.orgql.http;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With {@code orgql.server.max-concurrent-requests} GraphQL requests in flight (held by a slow Logto),
 * one more is answered at once: HTTP 503 with {@code Retry-After} and a GraphQL error coded
 * {@code UPSTREAM_BUSY}, before its query is parsed or its token looked at, and without a Logto call.
 * The health endpoints still answer, and once the held requests are done, requests run again.
 */
@MicronautTest
class LoadSheddingTest extends GatewayTest {
    private static final int MAX = 2;
    /** Holds the first requests in flight while the test sends one more; not a timing assertion. */
    private static final int LOGTO_DELAY_MS = 4000;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.server.max-concurrent-requests", Integer.toString(MAX), "orgql.server.busy-retry-after", "3s");
    }

    @Test
    void oneRequestOverTheLimitGets503UpstreamBusy() throws Exception {
        // Two organizations: two requests for the same one would share one call (logto.ReadCoalescer).
        for (String id : List.of(Ids.ORG_A, Ids.ORG_B)) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + id))
                    .willReturn(
                            LogtoMock.json(Fixtures.organization(id, "Acme")).withFixedDelay(LOGTO_DELAY_MS)));
        }
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        Map<String, Object> variables = Map.of("id", Ids.ORG_A);
        List<CompletableFuture<HttpResponse<String>>> held = List.of(
                graphqlAsync(token, operation("organizationName"), variables),
                graphqlAsync(
                        orgToken(Ids.ALICE, Ids.ORG_B, "read:data"),
                        operation("organizationName"),
                        Map.of("id", Ids.ORG_B)));
        awaitLogtoCalls(MAX);

        // Neither a valid token nor a valid query: a refusal before either is looked at says so.
        HttpResponse<String> refused =
                graphqlAsync("not-a-jwt", "{ organization(", Map.of()).get();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Fixtures.JSON.readTree(refused.body());
        assertThat(body.has("data")).isFalse();
        assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo("UPSTREAM_BUSY");
        assertThat(body.at("/errors/0/extensions/retryAfterSeconds").asInt()).isEqualTo(3);
        assertThat(body.at("/errors/0/message").asText()).contains("busy");
        assertThat(body.at("/errors/0/extensions/requestId").asText()).isNotEmpty();

        HttpResponse<String> live = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/health/liveness"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).as("health is outside the limit").isEqualTo(200);
        assertThat(LogtoMock.apiCalls())
                .as("the refused request called nothing")
                .hasSize(MAX);

        for (CompletableFuture<HttpResponse<String>> answer : held) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
            assertThat(Fixtures.JSON
                            .readTree(answer.get().body())
                            .at("/data/organization/name")
                            .asText())
                    .isEqualTo("Acme");
        }
        LogtoMock.reset();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        for (int i = 0; i < MAX + 1; i++) {
            Answer after = graphql(token, operation("organizationName"), variables);
            assertThat(after.status()).as("places are given back").isEqualTo(200);
            assertThat(after.data().at("/organization/name").asText()).isEqualTo("Acme");
        }
    }
}
