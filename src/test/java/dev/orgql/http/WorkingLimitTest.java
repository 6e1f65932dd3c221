package dev.orgql.http;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With one working place ({@code orgql.server.max-working-requests=1}), a request waiting for Logto lends
 * it: a second request is parsed, checked and sent to Logto while the first still waits (a fixed bound on
 * requests in flight would hold it back until the first is answered). Many requests at once all get their
 * own answer, through the line, and no place is left taken.
 */
@MicronautTest
class WorkingLimitTest extends GatewayTest {
    /** Holds the first request waiting for Logto while the second arrives; not a timing assertion. */
    private static final int LOGTO_DELAY_MS = 3000;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    MeterRegistry registry;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.server.max-working-requests", "1");
    }

    @Test
    void aRequestWaitingForLogtoLetsTheNextOneWork() throws Exception {
        // Two organizations: two requests for the same one would share one call (logto.ReadCoalescer).
        for (String id : List.of(Ids.ORG_A, Ids.ORG_B)) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + id))
                    .willReturn(LogtoMock.json(Fixtures.organization(id, "Acme " + id))
                            .withFixedDelay(LOGTO_DELAY_MS)));
        }
        CompletableFuture<HttpResponse<String>> first =
                send(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), Map.of("id", Ids.ORG_A));
        awaitLogtoCalls(1);
        CompletableFuture<HttpResponse<String>> second =
                send(orgToken(Ids.ALICE, Ids.ORG_B, "read:data"), Map.of("id", Ids.ORG_B));
        awaitLogtoCalls(2);
        assertThat(first).as("the first still waits for Logto").isNotDone();

        assertThat(name(first.get())).isEqualTo("Acme " + Ids.ORG_A);
        assertThat(name(second.get())).isEqualTo("Acme " + Ids.ORG_B);
        assertThat(registry.get("orgql.server.requests.working").gauge().value())
                .isZero();
    }

    @Test
    void manyRequestsAtOnceEachGetTheirOwnAnswerThroughTheLine() throws Exception {
        List<String> organizations = List.of(Ids.ORG_A, Ids.ORG_B);
        for (String id : organizations) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + id))
                    .willReturn(LogtoMock.json(Fixtures.organization(id, "Acme " + id))));
        }
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = organizations.get(i % 2);
            asked.add(id);
            answers.add(send(orgToken(Ids.ALICE, id, "read:data"), Map.of("id", id)));
        }
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i).get();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(name(answer)).isEqualTo("Acme " + asked.get(i));
        }
        assertThat(registry.get("orgql.server.requests.working").gauge().value())
                .isZero();
        assertThat(registry.get("orgql.server.requests.queued").gauge().value()).isZero();
    }

    private static String name(HttpResponse<String> answer) throws Exception {
        JsonNode body = Fixtures.JSON.readTree(answer.body());
        assertThat(body.has("errors")).as(answer.body()).isFalse();
        return body.at("/data/organization/name").asText();
    }

    private CompletableFuture<HttpResponse<String>> send(String token, Map<String, Object> variables) {
        JsonNode body =
                Fixtures.JSON.valueToTree(Map.of("query", operation("organizationName"), "variables", variables));
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (boundedly) until WireMock holds the requests: it logs a request before delaying its answer. */
    private static void awaitLogtoCalls(int count) throws InterruptedException {
        for (int i = 0; i < 1000 && LogtoMock.apiCalls().size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(LogtoMock.apiCalls()).hasSize(count);
    }
}
