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
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With one working place ({@code orgql.server.max-working-requests=1}), a request waiting for Logto lends
 * it: a second request is parsed, checked and sent to Logto while the first still waits (a fixed bound on
 * requests in flight would hold it back until the first is answered). With two let in at most
 * ({@code orgql.server.max-active-requests=2}), a third waits in line while both wait for Logto. Many
 * requests at once all get their own answer, through the line, and no place is left taken.
 */
@MicronautTest
class WorkingLimitTest extends GatewayTest {
    /** Holds the first request waiting for Logto while the second arrives; not a timing assertion. */
    private static final int LOGTO_DELAY_MS = 3000;
    /** An organization of no fixture: only its name is asked for, from its own stub. */
    private static final String THIRD_ORG = "w4n7c2r8e5tz";

    @Inject
    MeterRegistry registry;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.server.max-working-requests", "1", "orgql.server.max-active-requests", "2");
    }

    @Test
    void aRequestWaitingForLogtoLetsTheNextOneWork() throws Exception {
        // Two organizations: two requests for the same one would share one call (logto.ReadCoalescer).
        for (String id : List.of(Ids.ORG_A, Ids.ORG_B)) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + id))
                    .willReturn(LogtoMock.json(Fixtures.organization(id, "Acme " + id))
                            .withFixedDelay(LOGTO_DELAY_MS)));
        }
        CompletableFuture<HttpResponse<String>> first = graphqlAsync(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("organizationName"), Map.of("id", Ids.ORG_A));
        awaitLogtoCalls(1);
        CompletableFuture<HttpResponse<String>> second = graphqlAsync(
                orgToken(Ids.ALICE, Ids.ORG_B, "read:data"), operation("organizationName"), Map.of("id", Ids.ORG_B));
        awaitLogtoCalls(2);
        assertThat(first).as("the first still waits for Logto").isNotDone();

        assertThat(name(first.get())).isEqualTo("Acme " + Ids.ORG_A);
        assertThat(name(second.get())).isEqualTo("Acme " + Ids.ORG_B);
        assertSettlesAt("orgql.server.requests.working", 0);
    }

    @Test
    void noMoreThanTheActiveLimitAreLetInWhileOthersWaitForLogto() throws Exception {
        List<String> organizations = List.of(Ids.ORG_A, Ids.ORG_B, THIRD_ORG);
        for (String id : organizations) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + id))
                    .willReturn(LogtoMock.json(Fixtures.organization(id, "Acme " + id))
                            .withFixedDelay(LOGTO_DELAY_MS)));
        }
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = organizations.get(i);
            answers.add(graphqlAsync(
                    orgToken(Ids.ALICE, id, "read:data"), operation("organizationName"), Map.of("id", id)));
            awaitLogtoCalls(i + 1);
        }
        answers.add(graphqlAsync(
                orgToken(Ids.ALICE, THIRD_ORG, "read:data"), operation("organizationName"), Map.of("id", THIRD_ORG)));
        // The third is in line although no request is working.
        assertSettlesAt("orgql.server.requests.queued", 1);
        assertThat(registry.get("orgql.server.requests.working").gauge().value())
                .isZero();
        assertThat(registry.get("orgql.server.requests.active").gauge().value()).isEqualTo(2);
        assertThat(LogtoMock.apiCalls()).hasSize(2);

        for (int i = 0; i < answers.size(); i++) {
            assertThat(name(answers.get(i).get())).isEqualTo("Acme " + organizations.get(i));
        }
        assertThat(LogtoMock.apiCalls()).hasSize(3);
        assertSettlesAt("orgql.server.requests.active", 0);
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
            answers.add(graphqlAsync(
                    orgToken(Ids.ALICE, id, "read:data"), operation("organizationName"), Map.of("id", id)));
        }
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i).get();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(name(answer)).isEqualTo("Acme " + asked.get(i));
        }
        assertSettlesAt("orgql.server.requests.working", 0);
        assertSettlesAt("orgql.server.requests.active", 0);
        assertThat(registry.get("orgql.server.requests.queued").gauge().value()).isZero();
    }

    /**
     * The gauges move on the server's threads: a request gives its place back just after the client has
     * read its answer, and one sent is in line a moment later. So the gauge is polled for a while, not read
     * once.
     */
    private void assertSettlesAt(String gauge, double expected) throws InterruptedException {
        for (int i = 0; i < 500 && registry.get(gauge).gauge().value() != expected; i++) {
            Thread.sleep(10);
        }
        assertThat(registry.get(gauge).gauge().value()).as(gauge).isEqualTo(expected);
    }

    private static String name(HttpResponse<String> answer) throws Exception {
        JsonNode body = Fixtures.JSON.readTree(answer.body());
        assertThat(body.has("errors")).as(answer.body()).isFalse();
        return body.at("/data/organization/name").asText();
    }
}
