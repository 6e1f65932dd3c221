package dev.orgql.member;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logto's three paging modes with more than 20 rows: mandatory (members: the gateway always sends
 * page and page_size), optional and none (invitations: read whole, paged and filtered here), and the
 * role template followed across pages of 100.
 */
@MicronautTest
class PaginationTest extends GatewayTest {
    private static final String TOKEN_SCOPES = "read:data";

    @Inject
    TemplateCache template;

    @BeforeEach
    void stubOrganization() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
    }

    private static ArrayNode members(int from, int to) {
        ArrayNode page = Fixtures.JSON.createArrayNode();
        for (int i = from; i < to; i++) {
            page.add(Fixtures.member(Ids.user(i), "Member " + i, Ids.ROLE_MEMBER, "member"));
        }
        return page;
    }

    @Test
    void membersArePagedByLogtoWithCursors() {
        for (int page = 1; page <= 3; page++) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .withQueryParam("page_size", equalTo("25"))
                    .willReturn(LogtoMock.page(members((page - 1) * 25, Math.min(55, page * 25)), 55)));
        }
        String query = operation("memberPage");
        String token = orgToken(Ids.ALICE, Ids.ORG_A, TOKEN_SCOPES);

        java.util.HashMap<String, Object> vars = new java.util.HashMap<>(Map.of("id", Ids.ORG_A, "first", 25));
        JsonNode first = graphql(token, query, vars).data().at("/organization/members");
        assertThat(first.get("totalCount").asInt()).isEqualTo(55);
        assertThat(first.get("nodes")).hasSize(25);
        assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();

        vars.put("after", first.at("/pageInfo/endCursor").asText());
        JsonNode second = graphql(token, query, vars).data().at("/organization/members");
        assertThat(second.at("/nodes/0/userId").asText()).isEqualTo(Ids.user(25));
        vars.put("after", second.at("/pageInfo/endCursor").asText());
        JsonNode third = graphql(token, query, vars).data().at("/organization/members");
        assertThat(third.get("nodes")).hasSize(5);
        assertThat(third.at("/nodes/4/userId").asText()).isEqualTo(Ids.user(54));
        assertThat(third.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
        assertThat(third.at("/pageInfo/hasPreviousPage").asBoolean()).isTrue();

        List<LoggedRequest> lists = LogtoMock.server()
                .findAll(WireMock.getRequestedFor(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users")));
        assertThat(lists).hasSize(3);
        assertThat(lists)
                .allMatch(call -> call.queryParameter("page_size").firstValue().equals("25"));
    }

    @Test
    void defaultPageSizeIsSentExplicitlyAndSearchAndRoleFilterReachLogto() {
        // 21 admins, as Logto 1.42 lists them filtered; the probe (RoleFilteredMembers) finds the filter honoured.
        ArrayNode admins = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < 20; i++) {
            admins.add(Fixtures.member(Ids.user(i), "Admin " + i, Ids.ROLE_ADMIN, "admin"));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(admins, 21)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .withQueryParam("organizationRoleId", equalTo(RoleFilteredMembers.PROBE_ROLE_ID))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));

        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, TOKEN_SCOPES),
                operation("memberCount"),
                Map.of("id", Ids.ORG_A, "search", "ann+bob@x", "role", Ids.ROLE_ADMIN));

        assertThat(answer.data().at("/organization/members/totalCount").asInt()).isEqualTo(21);
        LoggedRequest call = LogtoMock.server()
                .findAll(WireMock.getRequestedFor(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users")))
                .get(0);
        assertThat(call.getUrl())
                .contains("q=ann%2Bbob%40x")
                .contains("organizationRoleId=" + Ids.ROLE_ADMIN)
                .contains("page=1")
                .contains("page_size=20");
    }

    @Test
    void unalignedCursorReadsTheTwoPagesAroundTheWindow() {
        for (int page = 1; page <= 2; page++) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .withQueryParam("page_size", equalTo("10"))
                    .willReturn(LogtoMock.page(members((page - 1) * 10, page * 10), 30)));
        }
        String afterFourth = dev.orgql.graphql.Connections.cursor(4, "members|" + Ids.ORG_A + "|null|null");

        JsonNode members = graphql(
                        orgToken(Ids.ALICE, Ids.ORG_A, TOKEN_SCOPES),
                        operation("memberIds"),
                        Map.of("id", Ids.ORG_A, "first", 10, "after", afterFourth))
                .data()
                .at("/organization/members/nodes");

        assertThat(members).hasSize(10);
        assertThat(members.get(0).get("userId").asText()).isEqualTo(Ids.user(5));
        assertThat(members.get(9).get("userId").asText()).isEqualTo(Ids.user(14));
    }

    @Test
    void invitationsAreReadWholeThenFilteredAndPagedByTheGateway() {
        ArrayNode invitations = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < 45; i++) {
            invitations.add(Fixtures.invitation(
                    String.format("inv%018d", i),
                    Ids.ORG_A,
                    null,
                    "g" + i + "@example.com",
                    i % 3 == 0 ? "Expired" : "Pending",
                    null,
                    null));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-invitations"))
                .withQueryParam("organizationId", equalTo(Ids.ORG_A))
                .willReturn(LogtoMock.json(invitations)));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, TOKEN_SCOPES);

        JsonNode pending = graphql(token, operation("pendingInvitationPage"), Map.of("id", Ids.ORG_A))
                .data()
                .at("/organization/invitations");

        assertThat(pending.get("totalCount").asInt()).isEqualTo(30);
        assertThat(pending.get("nodes")).hasSize(25);
        assertThat(pending.at("/nodes/0/status").asText()).isEqualTo("PENDING");
        assertThat(pending.at("/nodes/0/inviter").isNull()).isTrue();
        assertThat(pending.at("/pageInfo/hasNextPage").asBoolean()).isTrue();

        JsonNode rest = graphql(
                        token,
                        operation("pendingInvitationIds"),
                        Map.of(
                                "id",
                                Ids.ORG_A,
                                "after",
                                pending.at("/pageInfo/endCursor").asText()))
                .data()
                .at("/organization/invitations/nodes");
        assertThat(rest).hasSize(5);
    }

    @Test
    void templateRolesAreFollowedAcrossPagesOfAHundred() {
        ArrayNode all = Fixtures.JSON.createArrayNode();
        JsonNode shape = Fixtures.defaultTemplateRoles().get(0);
        for (int i = 0; i < 130; i++) {
            all.add(((com.fasterxml.jackson.databind.node.ObjectNode) shape.deepCopy())
                    .put("id", String.format("role%017d", i))
                    .put("name", String.format("role-%03d", i)));
        }
        ArrayNode page1 = Fixtures.JSON.createArrayNode();
        ArrayNode page2 = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < 130; i++) {
            (i < 100 ? page1 : page2).add(all.get(i));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .withQueryParam("page", equalTo("1"))
                .withQueryParam("page_size", equalTo("100"))
                .willReturn(LogtoMock.page(page1, 130)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .withQueryParam("page", equalTo("2"))
                .withQueryParam("page_size", equalTo("100"))
                .willReturn(LogtoMock.page(page2, 130)));

        JsonNode roles = graphql(orgToken(Ids.ALICE, Ids.ORG_A, TOKEN_SCOPES), operation("templateRoleNames"))
                .data()
                .at("/organizationTemplate/roles");

        assertThat(roles).hasSize(130);
        assertThat(roles.get(129).get("name").asText()).isEqualTo("role-129");
    }

    @Test
    void optionallyPagedScopesAreAskedForExplicitlyInPagesOfAHundred() {
        // Without page parameters Logto would answer every row and no Total-Number; the gateway always
        // pages explicitly, so it behaves the same on every version and can follow pages.
        ArrayNode scopes = Fixtures.JSON.createArrayNode();
        JsonNode shape = Fixtures.defaultTemplateScopes().get(0);
        for (int i = 0; i < 30; i++) {
            scopes.add(((com.fasterxml.jackson.databind.node.ObjectNode) shape.deepCopy())
                    .put("id", String.format("scope%016d", i))
                    .put("name", String.format("scope-%02d", i)));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-scopes")).willReturn(LogtoMock.page(scopes, 30)));

        JsonNode result = graphql(orgToken(Ids.ALICE, Ids.ORG_A, TOKEN_SCOPES), operation("templateScopes"))
                .data()
                .at("/organizationTemplate/scopes");

        assertThat(result).hasSize(30);
        List<LoggedRequest> calls =
                LogtoMock.server().findAll(WireMock.getRequestedFor(urlPathEqualTo("/api/organization-scopes")));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).queryParameter("page").firstValue()).isEqualTo("1");
        assertThat(calls.get(0).queryParameter("page_size").firstValue()).isEqualTo("100");
    }

    @Test
    void firstOutOfRangeIsBadUserInputWithoutAnUpstreamListCall() {
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, TOKEN_SCOPES),
                operation("memberCount"),
                Map.of("id", Ids.ORG_A, "first", 101));

        assertThat(answer.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.apiCalls()).extracting(LoggedRequest::getUrl).noneMatch(url -> url.contains("/users"));
    }
}
