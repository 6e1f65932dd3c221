package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each GraphQL request has one deadline (here 2 s) for everything it asks of Logto, whatever the
 * read timeout (here 30 s, longer than any hang below): a call unanswered by then fails as
 * UPSTREAM_TIMEOUT, and the calls of a request that has been answered are cancelled, which frees their
 * pooled connections at once. With two connections and two hanging routes, the next request after the
 * hang clears is served by those connections instead of queueing behind calls no one waits for.
 */
@MicronautTest
class RequestDeadlineTest extends GatewayTest {
    private static final String ORG = "/api/organizations/" + Ids.ORG_A;
    private static final int HANG_MS = 20_000;

    @Inject
    TemplateCache template;

    @Inject
    ReadCaches readCaches;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.request-deadline", "2s",
                "orgql.upstream.read-timeout", "30s",
                "orgql.upstream.max-connections", "2",
                "orgql.upstream.breaker.minimum-calls", "1000",
                "orgql.upstream.breaker.sliding-window", "1000");
    }

    @BeforeEach
    void warm() {
        // The gateway's token, the JWKS and warm connections first: a cold start must not eat the deadline.
        // A busy machine's cold start may still take longer than the deadline: warming may take a few.
        stubDashboard(false, false);
        Answer warm = dashboard();
        for (int i = 0; i < 5 && warm.errors() != null; i++) {
            warm = dashboard();
        }
        assertThat(warm.errors()).as(String.valueOf(warm.errors())).isNull();
        LogtoMock.reset();
        template.invalidate();
        // The warm-up's organization and inviters must not answer the cases below.
        readCaches.invalidateAll();
    }

    @Test
    void hangingRoutesEndInUpstreamTimeoutsAndFreeTheirConnections() {
        stubDashboard(true, false);

        Answer hung = dashboard();

        assertThat(codes(hung)).contains("UPSTREAM_TIMEOUT");

        // The hang clears; both connections must be free for the next request at once.
        LogtoMock.reset();
        stubDashboard(false, false);
        Answer next = dashboard();

        assertThat(next.errors()).as(String.valueOf(next.errors())).isNull();
        assertThat(next.data().at("/organization/name").asText()).isEqualTo("Acme");
        assertThat(LogtoMock.calls())
                .anyMatch(call -> call.startsWith("GET " + ORG + "/users?"))
                .anyMatch(call -> call.startsWith("GET /api/organization-invitations?"));
    }

    @Test
    void callsMadeAfterOtherCallsAnswersAreBoundedToo() {
        // The inviters are asked for after the invitations arrive: the deadline reaches that call too.
        stubDashboard(false, true);

        Answer answer = dashboard();

        assertThat(answer.errors())
                .as(answer.body().toString())
                .anyMatch(error -> error.at("/extensions/code").asText().equals("UPSTREAM_TIMEOUT")
                        && error.get("path").toString().contains("inviter"));
        assertThat(LogtoMock.calls())
                .as(String.valueOf(LogtoMock.calls()))
                .anyMatch(call -> call.startsWith("GET /api/users?"));
    }

    private Answer dashboard() {
        return graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("dashboard"), Map.of("id", Ids.ORG_A));
    }

    private static List<String> codes(Answer answer) {
        List<String> codes = new ArrayList<>();
        if (answer.errors() != null) {
            for (JsonNode error : answer.errors()) {
                codes.add(error.at("/extensions/code").asText());
            }
        }
        return codes;
    }

    /** The dashboard's routes, as in DashboardCallCountTest, smaller; a hang lasts far past the deadline. */
    private static void stubDashboard(boolean hangLists, boolean hangInviters) {
        int listDelay = hangLists ? HANG_MS : 0;
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(ORG)).willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        ArrayNode members = Fixtures.JSON.createArrayNode();
        members.add(Fixtures.member(Ids.user(0), "Member 0", Ids.ROLE_MEMBER, "member"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users"))
                .willReturn(LogtoMock.page(members, 1).withFixedDelay(listDelay)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/applications"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
        ArrayNode invitations = Fixtures.JSON.createArrayNode();
        invitations.add(Fixtures.invitation(
                String.format("inv%018d", 1),
                Ids.ORG_A,
                Ids.user(100),
                "guest@example.com",
                "Pending",
                Ids.ROLE_MEMBER,
                "member"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-invitations"))
                .willReturn(LogtoMock.json(invitations).withFixedDelay(listDelay)));
        ArrayNode inviters = Fixtures.JSON.createArrayNode();
        inviters.add(Fixtures.user(Ids.user(100), "Inviter"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .willReturn(LogtoMock.page(inviters, 1).withFixedDelay(hangInviters ? HANG_MS : 0)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }
}
