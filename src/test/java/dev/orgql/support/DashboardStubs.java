package dev.orgql.support;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures.Ids;
import java.util.function.Consumer;

/**
 * Logto's answers for the dashboard query (operations/dashboard.graphql) on organization A, in two
 * sizes: {@link #stub()} (10 members, a bot, 5 invitations from 5 inviters) and {@link #stubLarge}
 * (DashboardCallCountTest's and the soak benchmark's: 50 members, every fifth also an admin, 2 bots, 25
 * invitations from 25 inviters). The shapes are Fixtures', from the recordings.
 */
public final class DashboardStubs {
    private DashboardStubs() {}

    /** The small dashboard, on the shared WireMock. */
    public static void stub() {
        stub(LogtoMock::stub, 10, false, 1, 5);
    }

    /** The large dashboard, on whichever WireMock {@code target} stubs (the shared one or a benchmark's own). */
    public static void stubLarge(Consumer<MappingBuilder> target) {
        stub(target, 50, true, 2, 25);
    }

    private static void stub(
            Consumer<MappingBuilder> target, int memberCount, boolean admins, int botCount, int invitationCount) {
        target.accept(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        ArrayNode members = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < memberCount; i++) {
            members.add(
                    admins && i % 5 == 0
                            ? Fixtures.member(
                                    Ids.user(i), "Member " + i, Ids.ROLE_ADMIN, "admin", Ids.ROLE_MEMBER, "member")
                            : Fixtures.member(Ids.user(i), "Member " + i, Ids.ROLE_MEMBER, "member"));
        }
        target.accept(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(members, memberCount)));
        ArrayNode bots = Fixtures.JSON.createArrayNode();
        bots.add(Fixtures.bot("c7n2m8k4j1h9g5f3d6s0a", "CI deploy bot", Ids.ROLE_BOT, "bot"));
        if (botCount > 1) {
            bots.add(Fixtures.bot("t1y3u5i7o9p2a4s6d8f0g", "Billing sync", null, null));
        }
        target.accept(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/applications"))
                .willReturn(LogtoMock.page(bots, botCount)));
        ArrayNode invitations = Fixtures.JSON.createArrayNode();
        ArrayNode inviters = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < invitationCount; i++) {
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
        target.accept(
                WireMock.get(urlPathEqualTo("/api/organization-invitations")).willReturn(LogtoMock.json(invitations)));
        target.accept(WireMock.get(urlPathEqualTo("/api/users")).willReturn(LogtoMock.page(inviters, invitationCount)));
        target.accept(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }
}
