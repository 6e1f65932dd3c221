package dev.orgql.support;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures.Ids;

/**
 * Logto's answers for the dashboard query (operations/dashboard.graphql) on organization A: 10 members,
 * a bot, 5 invitations from 5 inviters, the default template. The shapes are Fixtures', from the
 * recordings; DashboardCallCountTest stubs a larger organization the same way.
 */
public final class DashboardStubs {
    private DashboardStubs() {}

    public static void stub() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        ArrayNode members = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < 10; i++) {
            members.add(Fixtures.member(Ids.user(i), "Member " + i, Ids.ROLE_MEMBER, "member"));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(members, 10)));
        ArrayNode bots = Fixtures.JSON.createArrayNode();
        bots.add(Fixtures.bot("c7n2m8k4j1h9g5f3d6s0a", "CI deploy bot", Ids.ROLE_BOT, "bot"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/applications"))
                .willReturn(LogtoMock.page(bots, 1)));
        ArrayNode invitations = Fixtures.JSON.createArrayNode();
        ArrayNode inviters = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < 5; i++) {
            String inviter = Ids.user(100 + i);
            invitations.add(Fixtures.invitation(
                    String.format("inv%018d", i),
                    Ids.ORG_A,
                    inviter,
                    "guest" + i + "@example.com",
                    "Pending",
                    Ids.ROLE_MEMBER,
                    "member"));
            inviters.add(Fixtures.user(inviter, "Inviter " + i));
        }
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo("/api/organization-invitations")).willReturn(LogtoMock.json(invitations)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users")).willReturn(LogtoMock.page(inviters, 5)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }
}
