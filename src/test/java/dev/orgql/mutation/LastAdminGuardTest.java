package dev.orgql.mutation;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.RecordedOrg;
import dev.orgql.support.RecordedOrg.Version;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The last-admin guard on both Logto versions, with members of the recordings' organization 1. On
 * 1.37.1 the {@code organizationRoleId} filter is ignored (recording 40 lists all 50 members), which let
 * the only admin demote, remove themself and leave before admins were found by their embedded roles.
 */
@MicronautTest
class LastAdminGuardTest extends GatewayTest {
    static final String ORG = "/api/organizations/" + Ids.ORG_A;

    @Inject
    TemplateCache template;

    @BeforeEach
    void freshTemplate() {
        template.invalidate();
    }

    record Case(String name, String query, Map<String, Object> input, boolean asCaller) {}

    static Map<String, Object> input(Object... keysAndValues) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("organizationId", Ids.ORG_A);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            input.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Map.of("input", input);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void theOnlyAdminCannotDemoteRemoveOrLeave(Version version) {
        RecordedOrg org = RecordedOrg.of(version);
        org.stubTemplate();
        // One admin (user001, admin only) and one member (user041).
        List<ObjectNode> members = org.only("user001", "user041");
        ObjectNode admin = org.user("user001");
        String adminId = admin.get("id").asText();
        org.stubMembers(Ids.ORG_A, members, org.adminRoleId, 100);
        org.stubRolesOf(Ids.ORG_A, admin);

        List<Case> cases = List.of(
                new Case(
                        "setMemberRoles",
                        operation("setMemberRolesMemberId"),
                        input("userId", adminId, "roleIds", List.of(org.memberRoleId)),
                        false),
                new Case(
                        "setMemberRoles",
                        operation("setMemberRolesMemberId"),
                        input("userId", adminId, "roleIds", List.of()),
                        false),
                new Case(
                        "removeMemberRole",
                        operation("removeMemberRoleMemberId"),
                        input("userId", adminId, "roleId", org.adminRoleId),
                        false),
                new Case("removeMember", operation("removeMemberId"), input("userId", adminId), false),
                new Case("leaveOrganization", operation("leaveOrganizationId"), input(), true));
        String token = orgToken(adminId, Ids.ORG_A, "read:data manage:member delete:member");
        boolean first = true;
        for (Case c : cases) {
            LogtoMock.clearJournal();
            Answer answer = graphql(token, c.query(), c.input());

            assertThat(answer.errors()).as(c.name()).isNull();
            assertThat(answer.data().at("/" + c.name() + "/userErrors/0/code").asText())
                    .as(c.name())
                    .isEqualTo("LAST_ADMIN");
            List<String> expected = new ArrayList<>();
            if (first) {
                expected.add("GET /api/organization-roles?page=1&page_size=100");
            }
            expected.add("GET " + ORG + "/users/" + adminId + "/roles");
            expected.add("GET " + ORG + "/users?organizationRoleId=" + org.adminRoleId + "&page=1&page_size=100");
            assertThat(LogtoMock.calls())
                    .as(c.name() + " on " + version.folder)
                    .containsExactlyInAnyOrderElementsOf(expected);
            first = false;
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void anAdminGoesWhenAnotherRemainsCheckedBeforeAndAfter(Version version) {
        RecordedOrg org = RecordedOrg.of(version);
        org.stubTemplate();
        List<ObjectNode> before = org.only("user001", "user002", "user041");
        List<ObjectNode> after = org.only("user001", "user041");
        ObjectNode leaving = org.user("user002");
        String leavingId = leaving.get("id").asText();
        org.stubMembers(
                Ids.ORG_A,
                before,
                org.adminRoleId,
                100,
                m -> m.inScenario("removal").whenScenarioStateIs(Scenario.STARTED));
        org.stubMembers(
                Ids.ORG_A,
                after,
                org.adminRoleId,
                100,
                m -> m.inScenario("removal").whenScenarioStateIs("removed"));
        org.stubRolesOf(Ids.ORG_A, leaving);
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/users/" + leavingId))
                .inScenario("removal")
                .willSetStateTo("removed")
                .willReturn(LogtoMock.noContent()));

        Answer answer = graphql(
                orgToken(org.id("user001"), Ids.ORG_A, "read:data delete:member"),
                operation("removeMemberId"),
                input("userId", leavingId));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/removeMember/removedUserId").asText()).isEqualTo(leavingId);
        String admins = "GET " + ORG + "/users?organizationRoleId=" + org.adminRoleId + "&page=1&page_size=100";
        assertThat(LogtoMock.calls())
                .containsExactlyInAnyOrder(
                        "GET /api/organization-roles?page=1&page_size=100",
                        "GET " + ORG + "/users/" + leavingId + "/roles",
                        admins,
                        "DELETE " + ORG + "/users/" + leavingId,
                        admins);
        assertThat(LogtoMock.calls().indexOf("DELETE " + ORG + "/users/" + leavingId))
                .isEqualTo(3);
    }

    @Test
    void onAnIgnoringLogtoTheMembersAreReadInPagesOf100UntilAnAdminIsFound() {
        RecordedOrg org = RecordedOrg.of(Version.V1_37_1);
        org.stubTemplate();
        // 150 members: copies of the recorded user041 (member) with new ids, then the second admin
        // user002 given an id that sorts after them, so it is listed on page 2.
        List<ObjectNode> members = new ArrayList<>();
        ObjectNode admin = org.user("user001");
        members.add(admin);
        for (int i = 0; i < 148; i++) {
            members.add(org.user("user041").deepCopy().put("id", String.format("m%011d", i)));
        }
        members.add(org.user("user002").deepCopy().put("id", "zzzzzzzzzzzz"));
        List<ObjectNode> demoted = new ArrayList<>(members);
        ObjectNode asMember = admin.deepCopy();
        asMember.putArray("organizationRoles")
                .addObject()
                .put("id", org.memberRoleId)
                .put("name", "member");
        demoted.set(0, asMember);
        org.stubMembers(
                Ids.ORG_A,
                members,
                org.adminRoleId,
                100,
                m -> m.inScenario("demotion").whenScenarioStateIs(Scenario.STARTED));
        org.stubMembers(
                Ids.ORG_A,
                demoted,
                org.adminRoleId,
                100,
                m -> m.inScenario("demotion").whenScenarioStateIs("demoted"));
        org.stubRolesOf(Ids.ORG_A, admin);
        String adminId = admin.get("id").asText();
        LogtoMock.stub(WireMock.put(urlPathEqualTo(ORG + "/users/" + adminId + "/roles"))
                .inScenario("demotion")
                .willSetStateTo("demoted")
                .willReturn(LogtoMock.noContent()));

        Answer answer = graphql(
                orgToken(adminId, Ids.ORG_A, "read:data manage:member"),
                operation("setMemberRolesCodes"),
                input("userId", adminId, "roleIds", List.of(org.memberRoleId)));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/setMemberRoles/userErrors")).isEmpty();
        String page = "GET " + ORG + "/users?organizationRoleId=" + org.adminRoleId + "&page=";
        // Before: pages 1 and 2 (the other admin is on page 2); after: the same two pages.
        assertThat(LogtoMock.calls())
                .filteredOn(c -> c.startsWith("GET " + ORG + "/users?"))
                .containsExactly(
                        page + "1&page_size=100",
                        page + "2&page_size=100",
                        page + "1&page_size=100",
                        page + "2&page_size=100");
        assertThat(LogtoMock.writes()).containsExactly("PUT " + ORG + "/users/" + adminId + "/roles");
    }
}
