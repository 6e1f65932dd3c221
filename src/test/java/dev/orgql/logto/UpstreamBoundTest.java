package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Connections to Logto are pooled and bounded: with one connection allowed, parallel queries wait in
 * the gateway's queue and are all answered, one upstream call at a time.
 */
@MicronautTest
class UpstreamBoundTest extends GatewayTest {
    private static final int DELAY_MS = 150;
    private static final int QUERIES = 6;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.upstream.max-connections", "1");
    }

    @Test
    void parallelQueriesQueueForTheOneConnection() {
        LogtoMock.stub(WireMock.get(urlPathMatching("/api/organizations/[a-z0-9]+"))
                .willReturn(LogtoMock.json(Fixtures.organization("ryggecuhevx9", "Acme"))
                        .withFixedDelay(DELAY_MS)));
        // Warm the gateway's M2M token and JWKS so only the organization reads remain.
        graphql(
                orgToken("4636jsfp6sh2", "org000000000", "read:data"),
                operation("organizationName"),
                Map.of("id", "org000000000"));
        LogtoMock.clearJournal();

        long start = System.nanoTime();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 1; i <= QUERIES; i++) {
            String org = String.format("org%09d", i);
            answers.add(CompletableFuture.supplyAsync(() -> graphql(
                    orgToken("4636jsfp6sh2", org, "read:data"), operation("organizationName"), Map.of("id", org))));
        }
        answers.forEach(answer -> assertThat(
                        answer.join().data().at("/organization/name").asText())
                .isEqualTo("Acme"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(LogtoMock.apiCalls()).hasSize(QUERIES);
        // Served one after another: no faster than the sum of the upstream delays.
        assertThat(elapsedMs).isGreaterThanOrEqualTo((long) QUERIES * DELAY_MS);
    }
}
