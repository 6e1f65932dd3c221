package dev.orgql.mutation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.graphql.GlobalIds;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** addMembers, removeMember, assignMemberRoles, setMemberRoles, removeMemberRole, leaveOrganization and the last-admin guard. */
@MicronautTest
class MemberMutationsTest extends GatewayTest {
    static final String BOB = "b0b0b0b0b0b0";
    static final String ORG = "/api/organizations/" + Ids.ORG_A;

    @Inject
    TemplateCache template;

    @BeforeEach
    void stubTemplate() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }

    static ArrayNode roles(String... ids) {
        ArrayNode list = Fixtures.JSON.createArrayNode();
        for (String id : ids) {
            String name = id.equals(Ids.ROLE_ADMIN) ? "admin" : id.equals(Ids.ROLE_MEMBER) ? "member" : "bot";
            list.addObject()
                    .put("tenantId", "default")
                    .put("id", id)
                    .put("name", name)
                    .putNull("description")
                    .put("type", id.equals(Ids.ROLE_BOT) ? "MachineToMachine" : "User");
        }
        return list;
    }

    static void stubRolesOf(String userId, String... roleIds) {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users/" + userId + "/roles"))
                .willReturn(LogtoMock.json(roles(roleIds))));
    }

    /**
     * The admin list the guard reads (filtered, as Logto 1.42 answers; both versions: LastAdminGuardTest):
     * {@code "before"} answers the first check and moves on to {@code "after"}, which answers the later ones.
     */
    static void stubAdmins(String check, int total, String... userIds) {
        ArrayNode admins = Fixtures.JSON.createArrayNode();
        for (String id : userIds) {
            admins.add(Fixtures.member(id, "Admin " + id, Ids.ROLE_ADMIN, "admin"));
        }
        var mapping = WireMock.get(urlPathEqualTo(ORG + "/users"))
                .withQueryParam("organizationRoleId", equalTo(Ids.ROLE_ADMIN))
                .withQueryParam("page_size", equalTo("100"))
                .inScenario("admin checks");
        mapping = check.equals("before")
                ? mapping.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                        .willSetStateTo("after")
                : mapping.whenScenarioStateIs("after");
        LogtoMock.stub(mapping.willReturn(LogtoMock.page(admins, total)));
    }

    static void stubUsers(String... ids) {
        ArrayNode users = Fixtures.JSON.createArrayNode();
        for (String id : ids) {
            users.add(Fixtures.user(id, "User " + id));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users")).willReturn(LogtoMock.page(users, ids.length)));
    }

    static Map<String, Object> input(Object... keysAndValues) {
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("organizationId", Ids.ORG_A);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            input.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Map.of("input", input);
    }

    static JsonNode json(Object value) {
        return Fixtures.JSON.valueToTree(value);
    }

    String admin() {
        return orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member delete:member");
    }

    @Test
    void addMembersAddsThenAssignsWithTheBulkRoute() {
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users/roles")).willReturn(LogtoMock.created()));
        stubUsers(BOB);
        stubRolesOf(BOB, Ids.ROLE_MEMBER);

        Answer answer = graphql(
                admin(), operation("addMembers"), input("userIds", List.of(BOB), "roleIds", List.of(Ids.ROLE_MEMBER)));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/addMembers/userErrors")).isEmpty();
        assertThat(answer.data().at("/addMembers/members/0/userId").asText()).isEqualTo(BOB);
        assertThat(answer.data().at("/addMembers/members/0/roles/0/name").asText())
                .isEqualTo("member");
        assertThat(LogtoMock.writes()).containsExactly("POST " + ORG + "/users", "POST " + ORG + "/users/roles");
        assertThat(LogtoMock.bodyOf("POST", ORG + "/users")).isEqualTo(json(Map.of("userIds", List.of(BOB))));
        assertThat(LogtoMock.bodyOf("POST", ORG + "/users/roles"))
                .isEqualTo(json(Map.of("userIds", List.of(BOB), "organizationRoleIds", List.of(Ids.ROLE_MEMBER))));
    }

    @Test
    void addMembersRemovesTheNewcomersAgainWhenTheRolesCannotBeGiven() {
        // Bob is new; Alice is already a member and must stay whatever happens.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .withQueryParam(
                        "excludeOrganizationId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(Ids.ORG_A))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode().add(Fixtures.user(BOB, "Bob")), 1)));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users/roles"))
                .willReturn(LogtoMock.error(500, "500.internal.json")));
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/users/" + BOB)).willReturn(LogtoMock.noContent()));

        Answer answer = graphql(
                admin(),
                operation("addMembers"),
                input("userIds", List.of(BOB, Ids.ALICE), "roleIds", List.of(Ids.ROLE_MEMBER)));

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "POST " + ORG + "/users", "POST " + ORG + "/users/roles", "DELETE " + ORG + "/users/" + BOB);
        assertThat(LogtoMock.calls())
                .anyMatch(c -> c.startsWith("GET /api/users?search.id=" + BOB + "&search.id=" + Ids.ALICE)
                        && c.contains("excludeOrganizationId=" + Ids.ORG_A));
    }

    @Test
    void addMembersUserErrorsAndDenial() {
        Answer mismatch = graphql(
                admin(), operation("addMembers"), input("userIds", List.of(BOB), "roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(mismatch.data().at("/addMembers/userErrors/0/code").asText()).isEqualTo("ROLE_TYPE_MISMATCH");
        Answer unknownRole = graphql(
                admin(), operation("addMembers"), input("userIds", List.of(BOB), "roleIds", List.of("nosuchrole")));
        assertThat(unknownRole.data().at("/addMembers/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");
        Answer none = graphql(admin(), operation("addMembers"), input("userIds", List.of()));
        assertThat(none.data().at("/addMembers/userErrors/0/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.writes()).isEmpty();

        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users"))
                .willReturn(LogtoMock.error(422, "422.entity.relation_foreign_key_not_found.json")));
        Answer unknownUser = graphql(admin(), operation("addMembers"), input("userIds", List.of("nosuchuser12")));
        assertThat(unknownUser.errors()).isNull();
        assertThat(unknownUser.data().at("/addMembers/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(unknownUser.data().at("/addMembers/members").isNull()).isTrue();

        LogtoMock.clearJournal();
        Answer denied = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data invite:member"),
                operation("addMembers"),
                input("userIds", List.of(BOB)));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void removeMemberRemovesANonAdminWithoutTheGuard() {
        stubRolesOf(BOB, Ids.ROLE_MEMBER);
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/users/" + BOB)).willReturn(LogtoMock.noContent()));

        Answer answer = graphql(admin(), operation("removeMember"), input("userId", BOB));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/removeMember/removedUserId").asText()).isEqualTo(BOB);
        // The Member's id (organization + user), for a client cache to evict.
        assertThat(answer.data().at("/removeMember/removedNodeId").asText())
                .isEqualTo(GlobalIds.encode("Member", Ids.ORG_A, BOB));
        assertThat(LogtoMock.writes()).containsExactly("DELETE " + ORG + "/users/" + BOB);
    }

    @Test
    void removeMemberRefusesTheLastAdmin() {
        stubRolesOf(Ids.ALICE, Ids.ROLE_ADMIN);
        stubAdmins("before", 1, Ids.ALICE);

        Answer answer = graphql(admin(), operation("removeMember"), input("userId", Ids.ALICE));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/removeMember/userErrors/0/code").asText()).isEqualTo("LAST_ADMIN");
        assertThat(answer.data().at("/removeMember/removedUserId").isNull()).isTrue();
        assertThat(answer.data().at("/removeMember/removedNodeId").isNull()).isTrue();
        assertThat(LogtoMock.writes()).isEmpty();
        assertThat(LogtoMock.calls())
                .anyMatch(c ->
                        c.startsWith("GET " + ORG + "/users?") && c.contains("organizationRoleId=" + Ids.ROLE_ADMIN));
    }

    @Test
    void removeMemberRemovesAnAdminWhenAnotherRemainsAndChecksAgainAfter() {
        stubRolesOf(BOB, Ids.ROLE_ADMIN);
        stubAdmins("before", 2, Ids.ALICE, BOB);
        stubAdmins("after", 1, Ids.ALICE);
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/users/" + BOB)).willReturn(LogtoMock.noContent()));

        Answer answer = graphql(admin(), operation("removeMember"), input("userId", BOB));

        assertThat(answer.data().at("/removeMember/removedUserId").asText()).isEqualTo(BOB);
        assertThat(LogtoMock.writes()).containsExactly("DELETE " + ORG + "/users/" + BOB);
        assertThat(LogtoMock.calls())
                .filteredOn(c -> c.contains("organizationRoleId="))
                .hasSize(2);
    }

    @Test
    void removeMemberUndoesItselfWhenARaceLeftNoAdmin() {
        stubRolesOf(BOB, Ids.ROLE_ADMIN, Ids.ROLE_MEMBER);
        stubAdmins("before", 2, Ids.ALICE, BOB);
        stubAdmins("after", 0);
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/users/" + BOB)).willReturn(LogtoMock.noContent()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(
                WireMock.post(urlPathEqualTo(ORG + "/users/" + BOB + "/roles")).willReturn(LogtoMock.created()));

        Answer answer = graphql(admin(), operation("removeMember"), input("userId", BOB));

        assertThat(answer.data().at("/removeMember/userErrors/0/code").asText()).isEqualTo("LAST_ADMIN");
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "DELETE " + ORG + "/users/" + BOB,
                        "POST " + ORG + "/users",
                        "POST " + ORG + "/users/" + BOB + "/roles");
        assertThat(LogtoMock.bodyOf("POST", ORG + "/users")).isEqualTo(json(Map.of("userIds", List.of(BOB))));
        assertThat(LogtoMock.bodyOf("POST", ORG + "/users/" + BOB + "/roles"))
                .isEqualTo(json(Map.of("organizationRoleIds", List.of(Ids.ROLE_ADMIN, Ids.ROLE_MEMBER))));
    }

    @Test
    void removeMemberOfANonMemberAndDenial() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users/" + BOB + "/roles"))
                .willReturn(LogtoMock.error(422, "422.organization.require_membership.json")));
        Answer answer = graphql(admin(), operation("removeMember"), input("userId", BOB));
        assertThat(answer.data().at("/removeMember/userErrors/0/code").asText()).isEqualTo("NOT_A_MEMBER");

        LogtoMock.clearJournal();
        Answer traversal = graphql(admin(), operation("removeMember"), input("userId", ".."));
        assertThat(traversal.data().at("/removeMember/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.apiCalls()).noneMatch(c -> c.getUrl().contains("/users/.."));
        assertThat(LogtoMock.writes()).isEmpty();

        Answer denied = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member"),
                operation("removeMember"),
                input("userId", BOB));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(denied.firstError().at("/extensions/missingScopes/0").asText())
                .isEqualTo("delete:member");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void assignMemberRolesUsesTheBulkRoute() {
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users/roles")).willReturn(LogtoMock.created()));
        Answer answer = graphql(
                admin(),
                operation("assignMemberRolesCodes"),
                input("userIds", List.of(Ids.ALICE, BOB), "roleIds", List.of(Ids.ROLE_ADMIN, Ids.ROLE_MEMBER)));
        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/assignMemberRoles/userErrors")).isEmpty();
        assertThat(LogtoMock.writes()).containsExactly("POST " + ORG + "/users/roles");
        assertThat(LogtoMock.bodyOf("POST", ORG + "/users/roles"))
                .isEqualTo(json(Map.of(
                        "userIds",
                        List.of(Ids.ALICE, BOB),
                        "organizationRoleIds",
                        List.of(Ids.ROLE_ADMIN, Ids.ROLE_MEMBER))));

        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users/roles"))
                .willReturn(LogtoMock.error(422, "422.entity.relation_foreign_key_not_found.json")));
        Answer notMember = graphql(
                admin(),
                operation("assignMemberRoles"),
                input("userIds", List.of(BOB), "roleIds", List.of(Ids.ROLE_MEMBER)));
        assertThat(notMember.data().at("/assignMemberRoles/userErrors/0/code").asText())
                .isEqualTo("NOT_A_MEMBER");

        LogtoMock.clearJournal();
        Answer mismatch = graphql(
                admin(),
                operation("assignMemberRoles"),
                input("userIds", List.of(BOB), "roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(mismatch.data().at("/assignMemberRoles/userErrors/0/code").asText())
                .isEqualTo("ROLE_TYPE_MISMATCH");
        Answer noRoles =
                graphql(admin(), operation("assignMemberRoles"), input("userIds", List.of(BOB), "roleIds", List.of()));
        assertThat(noRoles.data().at("/assignMemberRoles/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");
        Answer denied = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                operation("assignMemberRoles"),
                input("userIds", List.of(BOB), "roleIds", List.of(Ids.ROLE_MEMBER)));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void setMemberRolesReplacesAndTheMembersNextQueryShowsIt() {
        String bobToken = userToken(BOB, "");
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(ORG)).willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users/" + BOB + "/scopes"))
                .willReturn(LogtoMock.json(Fixtures.defaultTemplateScopes())));
        assertThat(graphql(bobToken, operation("viewerPermissions"), Map.of("id", Ids.ORG_A))
                        .data()
                        .at("/organization/viewerPermissions"))
                .hasSize(8);

        stubRolesOf(BOB, Ids.ROLE_ADMIN);
        stubAdmins("before", 2, Ids.ALICE, BOB);
        stubAdmins("after", 1, Ids.ALICE);
        LogtoMock.stub(
                WireMock.put(urlPathEqualTo(ORG + "/users/" + BOB + "/roles")).willReturn(LogtoMock.noContent()));
        Answer answer = graphql(
                admin(), operation("setMemberRolesCodes"), input("userId", BOB, "roleIds", List.of(Ids.ROLE_MEMBER)));
        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/setMemberRoles/userErrors")).isEmpty();
        assertThat(LogtoMock.writes()).containsExactly("PUT " + ORG + "/users/" + BOB + "/roles");
        assertThat(LogtoMock.bodyOf("PUT", ORG + "/users/" + BOB + "/roles"))
                .isEqualTo(json(Map.of("organizationRoleIds", List.of(Ids.ROLE_MEMBER))));

        ArrayNode memberScopes = Fixtures.JSON.createArrayNode();
        Fixtures.defaultTemplateScopes().forEach(s -> {
            if (List.of("read:data", "write:data", "invite:member")
                    .contains(s.get("name").asText())) {
                memberScopes.add(s);
            }
        });
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users/" + BOB + "/scopes"))
                .willReturn(LogtoMock.json(memberScopes)));
        assertThat(graphql(bobToken, operation("viewerPermissions"), Map.of("id", Ids.ORG_A))
                        .data()
                        .at("/organization/viewerPermissions"))
                .hasSize(3);
    }

    @Test
    void setMemberRolesRefusesToDemoteTheLastAdminAndReturnsTheMember() {
        stubRolesOf(Ids.ALICE, Ids.ROLE_ADMIN);
        stubAdmins("before", 1, Ids.ALICE);
        Answer last = graphql(
                admin(), operation("setMemberRoles"), input("userId", Ids.ALICE, "roleIds", List.of(Ids.ROLE_MEMBER)));
        assertThat(last.data().at("/setMemberRoles/userErrors/0/code").asText()).isEqualTo("LAST_ADMIN");
        assertThat(last.data().at("/setMemberRoles/member").isNull()).isTrue();
        assertThat(LogtoMock.writes()).isEmpty();

        // Keeping the admin role is no demotion: no guard, the member is read back.
        LogtoMock.stub(WireMock.put(urlPathEqualTo(ORG + "/users/" + Ids.ALICE + "/roles"))
                .willReturn(LogtoMock.noContent()));
        stubUsers(Ids.ALICE);
        LogtoMock.clearJournal();
        Answer kept = graphql(
                admin(),
                operation("setMemberRoles"),
                input("userId", Ids.ALICE, "roleIds", List.of(Ids.ROLE_ADMIN, Ids.ROLE_MEMBER)));
        assertThat(kept.errors()).isNull();
        assertThat(kept.data().at("/setMemberRoles/member/userId").asText()).isEqualTo(Ids.ALICE);
        assertThat(LogtoMock.calls()).noneMatch(c -> c.contains("organizationRoleId="));

        Answer mismatch = graphql(
                admin(), operation("setMemberRoles"), input("userId", Ids.ALICE, "roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(mismatch.data().at("/setMemberRoles/userErrors/0/code").asText())
                .isEqualTo("ROLE_TYPE_MISMATCH");
    }

    @Test
    void removeMemberRoleGuardsTheCreatorRole() {
        stubRolesOf(Ids.ALICE, Ids.ROLE_ADMIN, Ids.ROLE_MEMBER);
        stubAdmins("before", 1, Ids.ALICE);
        Answer last =
                graphql(admin(), operation("removeMemberRole"), input("userId", Ids.ALICE, "roleId", Ids.ROLE_ADMIN));
        assertThat(last.data().at("/removeMemberRole/userErrors/0/code").asText())
                .isEqualTo("LAST_ADMIN");
        assertThat(LogtoMock.writes()).isEmpty();

        Answer notHeld =
                graphql(admin(), operation("removeMemberRole"), input("userId", Ids.ALICE, "roleId", Ids.ROLE_BOT));
        assertThat(notHeld.data().at("/removeMemberRole/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");

        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/users/" + Ids.ALICE + "/roles/" + Ids.ROLE_MEMBER))
                .willReturn(LogtoMock.noContent()));
        Answer removed = graphql(
                admin(), operation("removeMemberRoleCodes"), input("userId", Ids.ALICE, "roleId", Ids.ROLE_MEMBER));
        assertThat(removed.data().at("/removeMemberRole/userErrors")).isEmpty();
        assertThat(LogtoMock.writes())
                .containsExactly("DELETE " + ORG + "/users/" + Ids.ALICE + "/roles/" + Ids.ROLE_MEMBER);

        LogtoMock.clearJournal();
        Answer denied = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data delete:member"),
                operation("removeMemberRole"),
                input("userId", Ids.ALICE, "roleId", Ids.ROLE_MEMBER));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void leaveOrganizationRemovesTheCallerUnlessTheyAreTheLastAdmin() {
        stubRolesOf(BOB, Ids.ROLE_MEMBER);
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/users/" + BOB)).willReturn(LogtoMock.noContent()));
        Answer left = graphql(userToken(BOB, ""), operation("leaveOrganization"), input());
        assertThat(left.errors()).isNull();
        assertThat(left.data().at("/leaveOrganization/organizationId").asText()).isEqualTo(Ids.ORG_A);
        assertThat(LogtoMock.writes()).containsExactly("DELETE " + ORG + "/users/" + BOB);

        LogtoMock.clearJournal();
        stubRolesOf(Ids.ALICE, Ids.ROLE_ADMIN);
        stubAdmins("before", 1, Ids.ALICE);
        Answer last = graphql(orgToken(Ids.ALICE, Ids.ORG_A, ""), operation("leaveOrganization"), input());
        assertThat(last.data().at("/leaveOrganization/userErrors/0/code").asText())
                .isEqualTo("LAST_ADMIN");
        assertThat(LogtoMock.writes()).isEmpty();

        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users/" + "c4r0lc4r0lc4" + "/roles"))
                .willReturn(LogtoMock.error(422, "422.organization.require_membership.json")));
        Answer stranger = graphql(userToken("c4r0lc4r0lc4", ""), operation("leaveOrganization"), input());
        assertThat(stranger.data().at("/leaveOrganization/userErrors/0/code").asText())
                .isEqualTo("NOT_A_MEMBER");

        LogtoMock.clearJournal();
        Answer otherOrg = graphql(orgToken(BOB, Ids.ORG_B, "read:data"), operation("leaveOrganization"), input());
        assertThat(otherOrg.errorCode()).isEqualTo("FORBIDDEN");
        String machine = TestTokens.token(LogtoMock.issuer())
                .subject(TestTokens.SPA_CLIENT_ID)
                .audience(TestTokens.API_RESOURCE)
                .sign();
        Answer bot = graphql(machine, operation("leaveOrganization"), input());
        assertThat(bot.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }
}
