package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When every pooled connection is busy and the queue for one ({@code orgql.upstream.max-queued}) is
 * full, a call fails at once as UPSTREAM_BUSY: nothing is sent, nothing retried. Here one connection,
 * a queue of one, and the dashboard's five reads issued together (the organization and its lists,
 * each answered after a short delay so that they overlap).
 */
@MicronautTest
class UpstreamQueueTest extends GatewayTest {
    private static final String ORG = "/api/organizations/" + Ids.ORG_A;

    @jakarta.inject.Inject
    ReadCaches readCaches;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.upstream.max-connections", "1",
                "orgql.upstream.max-queued", "1",
                "orgql.request-deadline", "30s",
                "orgql.upstream.breaker.minimum-calls", "1000",
                "orgql.upstream.breaker.sliding-window", "1000");
    }

    @Test
    void aFullQueueFailsCallsAtOnceAsBusy() {
        // The gateway's token and the JWKS first, so that only the dashboard's reads compete.
        LogtoMock.stub(WireMock.get(urlPathMatching("/api/organizations/[a-z0-9]+"))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        assertThat(graphql(
                                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                                operation("organizationName"),
                                Map.of("id", Ids.ORG_A))
                        .errors())
                .isNull();
        LogtoMock.reset();
        // Nor may the warm-up's organization come from the read cache: the dashboard's reads compete.
        readCaches.invalidateAll();
        int delay = 500;
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG))
                .willReturn(
                        LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme")).withFixedDelay(delay)));
        for (String list : List.of(ORG + "/users", ORG + "/applications", "/api/organization-roles")) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo(list))
                    .willReturn(
                            LogtoMock.page(Fixtures.JSON.createArrayNode(), 0).withFixedDelay(delay)));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-invitations"))
                .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode()).withFixedDelay(delay)));

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("dashboard"), Map.of("id", Ids.ORG_A));

        List<String> codes = new ArrayList<>();
        for (JsonNode error : answer.errors()) {
            codes.add(error.at("/extensions/code").asText());
        }
        assertThat(codes).as(answer.body().toString()).contains("UPSTREAM_BUSY");
        // At most the one connection and the one queued call reached Logto; the refused were not resent.
        assertThat(LogtoMock.calls()).hasSizeLessThanOrEqualTo(2);
    }
}
