package dev.orgql.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.devlogto.SampleData;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mutations end to end against the dev-mode stand-in: create an organization, add members, change
 * roles, and read everything back through the gateway.
 */
@MicronautTest(environments = "dev")
class DevModeMutationsE2ETest extends DevModeE2E {

    @Test
    void createAddMembersChangeRolesAndReadBack() {
        String ada = devLogto.userToken(SampleData.ADMIN_USER_ID);
        JsonNode roles = graphql(ada, operation("templateRoleIds")).data().at("/organizationTemplate/roles");
        String memberRole = roleId(roles, "member");
        String adminRole = roleId(roles, "admin");

        Answer created = graphql(
                ada,
                operation("createOrganizationCodes"),
                Map.of("input", Map.of("name", "Wayne Enterprises", "description", "Created end to end")));
        assertThat(created.errors().isMissingNode() || created.errors().isEmpty())
                .isTrue();
        assertThat(created.data().at("/createOrganization/userErrors")).isEmpty();
        String organizationId = created.data()
                .at("/createOrganization/organization/organizationId")
                .asText();
        assertThat(created.data().at("/createOrganization/organization/name").asText())
                .isEqualTo("Wayne Enterprises");

        Answer added = graphql(
                ada,
                operation("addMembersCodes"),
                Map.of(
                        "input",
                        Map.of(
                                "organizationId",
                                organizationId,
                                "userIds",
                                List.of(SampleData.MEMBER_USER_ID, SampleData.LONER_USER_ID),
                                "roleIds",
                                List.of(memberRole))));
        assertThat(added.data().at("/addMembers/userErrors")).isEmpty();

        Answer promoted = graphql(
                ada,
                operation("setMemberRolesCodes"),
                Map.of(
                        "input",
                        Map.of(
                                "organizationId",
                                organizationId,
                                "userId",
                                SampleData.MEMBER_USER_ID,
                                "roleIds",
                                List.of(adminRole))));
        assertThat(promoted.data().at("/setMemberRoles/userErrors")).isEmpty();

        JsonNode members = graphql(ada, operation("organizationMembersWithRoles"), Map.of("id", organizationId))
                .data()
                .at("/organization/members");
        assertThat(members.get("totalCount").asInt()).isEqualTo(3);
        assertThat(rolesOf(members, SampleData.ADMIN_USER_ID)).containsExactly("admin");
        assertThat(rolesOf(members, SampleData.MEMBER_USER_ID)).containsExactly("admin");
        assertThat(rolesOf(members, SampleData.LONER_USER_ID)).containsExactly("member");

        // Nora, now a member, sees the new organization in her own list.
        JsonNode nora = graphql(devLogto.userToken(SampleData.LONER_USER_ID), operation("viewerOrganizationIds"))
                .data();
        assertThat(nora.at("/viewer/organizations/nodes").findValuesAsText("organizationId"))
                .contains(organizationId);
    }

    @Test
    void memberDemotedAfterTheirTokenWasIssuedGetsTheStaleSignal() {
        String mia = devLogto.standIn().tokens().organizationToken(SampleData.MEMBER_USER_ID, SampleData.GLOBEX_ORG_ID);
        String freshness = operation("tokenFreshnessStatus");
        Answer before = graphql(mia, freshness, Map.of("id", SampleData.GLOBEX_ORG_ID));
        assertThat(before.data().at("/organization/viewerTokenFreshness/status").asText())
                .isEqualTo("CURRENT");

        String ada = devLogto.userToken(SampleData.ADMIN_USER_ID);
        Answer demoted = graphql(
                ada,
                operation("setMemberRolesCodes"),
                Map.of(
                        "input",
                        Map.of(
                                "organizationId",
                                SampleData.GLOBEX_ORG_ID,
                                "userId",
                                SampleData.MEMBER_USER_ID,
                                "roleIds",
                                List.of())));
        assertThat(demoted.data().at("/setMemberRoles/userErrors")).isEmpty();

        // Her token still carries read:data, so the gateway answers (default policy) and tells her it is stale.
        Answer after = graphql(mia, freshness, Map.of("id", SampleData.GLOBEX_ORG_ID));
        assertThat(after.data().at("/organization/viewerTokenFreshness/status").asText())
                .isEqualTo("LOST_SCOPES");
        assertThat(after.data()
                        .at("/organization/viewerTokenFreshness/lostScopes")
                        .toString())
                .contains("read:data");
        assertThat(after.body().at("/extensions/tokenFreshness/status").asText())
                .isEqualTo("LOST_SCOPES");
    }

    private static String roleId(JsonNode roles, String name) {
        for (JsonNode role : roles) {
            if (role.get("name").asText().equals(name)) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no role " + name);
    }

    private static List<String> rolesOf(JsonNode members, String userId) {
        for (JsonNode member : members.get("nodes")) {
            if (member.get("userId").asText().equals(userId)) {
                return member.get("roles").findValuesAsText("name");
            }
        }
        throw new AssertionError("no member " + userId);
    }
}
