package dev.orgql.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.devlogto.SampleData;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sample tenant read through the gateway in dev mode: real HTTP to the gateway and from it to the stand-in. */
@MicronautTest(environments = "dev")
class DevModeOrganizationsE2ETest extends DevModeE2E {
    private static final String ADMIN = SampleData.ADMIN_USER_ID;
    private static final String MEMBER = SampleData.MEMBER_USER_ID;
    private static final String ACME = SampleData.ACME_ORG_ID;

    private String adminToken() {
        // As a developer gets it: from the dev tokens endpoint.
        return devTokens(ADMIN).path("userToken").asText();
    }

    @Test
    void viewerWithOrganizationsForAda() {
        Answer answer = graphql(adminToken(), operation("viewerWithOrganizations"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errors().isMissingNode()).as(answer.body().toString()).isTrue();
        JsonNode viewer = answer.data().path("viewer");
        assertThat(viewer.path("user").path("userId").asText()).isEqualTo(ADMIN);
        assertThat(viewer.path("user").path("name").asText()).isEqualTo("Ada Admin");
        assertThat(viewer.path("user").path("primaryEmail").asText()).isEqualTo(SampleData.ADMIN_EMAIL);
        JsonNode organizations = viewer.path("organizations");
        assertThat(organizations.path("totalCount").asInt()).isEqualTo(4);
        List<String> names = new ArrayList<>();
        for (JsonNode edge : organizations.path("edges")) {
            names.add(edge.path("node").path("name").asText());
            assertThat(edge.path("roles").path(0).path("name").asText()).isEqualTo("admin");
            assertThat(edge.path("node").path("viewerPermissions")).hasSize(8);
        }
        assertThat(names).containsExactlyInAnyOrder("Acme Corp", "Globex", "Initech", "Hooli");
    }

    @Test
    void acmeMembersPageThroughAllFiftyFive() {
        String query = operation("memberPageWithUsers");
        String token = adminToken();
        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("id", ACME);
            variables.put("after", after);
            Answer answer = graphql(token, query, variables);
            assertThat(answer.errors().isMissingNode())
                    .as(answer.body().toString())
                    .isTrue();
            JsonNode organization = answer.data().path("organization");
            assertThat(organization.path("name").asText()).isEqualTo("Acme Corp");
            JsonNode members = organization.path("members");
            assertThat(members.path("totalCount").asInt()).isEqualTo(55);
            pageSizes.add(members.path("nodes").size());
            for (JsonNode member : members.path("nodes")) {
                assertThat(seen.add(member.path("user").path("userId").asText()))
                        .as("no member twice")
                        .isTrue();
                assertThat(member.path("user").path("primaryEmail").asText()).endsWith("@example.com");
                assertThat(member.path("roles")).isNotEmpty();
            }
            more = members.path("pageInfo").path("hasNextPage").asBoolean();
            after = members.path("pageInfo").path("endCursor").asText();
            assertThat(pageSizes.size()).as("pages").isLessThanOrEqualTo(3);
        }
        assertThat(pageSizes).containsExactly(20, 20, 15);
        assertThat(seen).hasSize(55).contains(ADMIN, MEMBER);
    }

    @Test
    void rolesAndScopesOfMembersAndTemplate() {
        Answer answer = graphql(
                adminToken(), operation("rolesOfMembersAndTemplate"), Map.of("id", ACME, "search", "example.com"));

        assertThat(answer.errors().isMissingNode()).as(answer.body().toString()).isTrue();
        JsonNode template = answer.data().path("organizationTemplate");
        assertThat(names(template.path("scopes"))).containsExactlyInAnyOrderElementsOf(SampleData.ORGANIZATION_SCOPES);
        assertThat(template.path("scopes").path(0).path("description").asText()).isNotBlank();
        Map<String, JsonNode> roles = new java.util.HashMap<>();
        template.path("roles").forEach(role -> roles.put(role.path("name").asText(), role));
        assertThat(roles).containsOnlyKeys("admin", "member", "bot");
        assertThat(names(roles.get("admin").path("scopes")))
                .containsExactlyInAnyOrderElementsOf(SampleData.ORGANIZATION_SCOPES);
        assertThat(names(roles.get("member").path("scopes")))
                .containsExactlyInAnyOrderElementsOf(SampleData.MEMBER_SCOPES);
        assertThat(names(roles.get("bot").path("scopes"))).containsExactlyInAnyOrderElementsOf(SampleData.BOT_SCOPES);
        assertThat(roles.get("bot").path("type").asText()).isEqualTo("MACHINE_TO_MACHINE");

        assertThat(answer.data().path("organization").path("viewerScopes").size())
                .isEqualTo(8);
        for (JsonNode member :
                answer.data().path("organization").path("members").path("nodes")) {
            JsonNode role = member.path("roles").path(0);
            assertThat(names(role.path("scopes"))).isNotEmpty().isSubsetOf(SampleData.ORGANIZATION_SCOPES);
        }
    }

    @Test
    void botsWithTheirRoles() {
        Answer answer = graphql(adminToken(), """
                { organization(id: "%s") { bots(first: 10) {
                    totalCount nodes { id name description roles { name scopes { name } } }
                } } }""".formatted(ACME));

        assertThat(answer.errors().isMissingNode()).as(answer.body().toString()).isTrue();
        JsonNode bots = answer.data().path("organization").path("bots");
        assertThat(bots.path("totalCount").asInt()).isEqualTo(2);
        assertThat(names(bots.path("nodes"))).containsExactlyInAnyOrder("Deploy bot", "Billing sync");
        for (JsonNode bot : bots.path("nodes")) {
            assertThat(bot.path("roles").path(0).path("name").asText()).isEqualTo("bot");
            assertThat(names(bot.path("roles").path(0).path("scopes"))).containsExactly("read:data");
        }
    }

    @Test
    void invitationsWithInviters() {
        Answer answer = graphql(adminToken(), """
                { organization(id: "%s") {
                    invitations(first: 20) { totalCount nodes { invitee status inviter { id userId name } roles { name } expiresAt } }
                    expired: invitations(status: EXPIRED) { totalCount nodes { invitee } }
                } }""".formatted(ACME));

        assertThat(answer.errors().isMissingNode()).as(answer.body().toString()).isTrue();
        JsonNode organization = answer.data().path("organization");
        Map<String, JsonNode> byInvitee = new java.util.HashMap<>();
        organization
                .path("invitations")
                .path("nodes")
                .forEach(i -> byInvitee.put(i.path("invitee").asText(), i));
        assertThat(byInvitee)
                .containsKeys("grace.hopper@example.com", "alan.turing@example.com", "old.friend@example.com");
        JsonNode grace = byInvitee.get("grace.hopper@example.com");
        assertThat(grace.path("status").asText()).isEqualTo("PENDING");
        assertThat(grace.path("inviter").path("name").asText()).isEqualTo("Ada Admin");
        assertThat(grace.path("roles").path(0).path("name").asText()).isEqualTo("member");
        JsonNode alan = byInvitee.get("alan.turing@example.com");
        assertThat(alan.path("inviter").path("userId").asText()).isEqualTo(MEMBER);
        assertThat(alan.path("inviter").path("name").asText()).isEqualTo("Mia Member");
        assertThat(byInvitee.get("old.friend@example.com").path("status").asText())
                .isEqualTo("EXPIRED");
        assertThat(byInvitee
                        .get("old.friend@example.com")
                        .path("inviter")
                        .path("name")
                        .asText())
                .isNotBlank();

        JsonNode expired = organization.path("expired");
        assertThat(names(expired.path("nodes"), "invitee")).containsExactly("old.friend@example.com");
    }

    @Test
    void memberWithoutTheScopeIsDeniedTheField() {
        // Mia is a member of Acme; her organization token carries only invite:member, not read:data.
        String narrowToken = devLogto.standIn().tokens().organizationToken(MEMBER, ACME, List.of("invite:member"));
        Answer denied = graphql(narrowToken, operation("organizationMemberCount"), Map.of("id", ACME));

        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.data().path("organization").isNull())
                .as(denied.body().toString())
                .isTrue();
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(denied.errors().path(0).path("path").path(0).asText()).isEqualTo("organization");

        // Her Acme token from the dev tokens endpoint carries read:data, and the same query is answered.
        String fullToken = null;
        for (JsonNode organization : devTokens(MEMBER).path("organizations")) {
            if (ACME.equals(organization.path("id").asText()))
                fullToken = organization.path("token").asText();
        }
        assertThat(fullToken).isNotBlank();
        Answer allowed = graphql(fullToken, operation("organizationMemberCount"), Map.of("id", ACME));
        assertThat(allowed.errors().isMissingNode())
                .as(allowed.body().toString())
                .isTrue();
        assertThat(allowed.data()
                        .path("organization")
                        .path("members")
                        .path("totalCount")
                        .asInt())
                .isEqualTo(55);

        // Her user token reaches only her organizations: Initech is not one of them.
        Answer elsewhere = graphql(
                devTokens(MEMBER).path("userToken").asText(),
                operation("organizationName"),
                Map.of("id", SampleData.INITECH_ORG_ID));
        assertThat(elsewhere.data().path("organization").isNull())
                .as(elsewhere.body().toString())
                .isTrue();
        assertThat(elsewhere.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void noTokenIsRefusedButIntrospectionWorks() {
        Answer anonymous = graphql(null, operation("viewerUserId"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("UNAUTHENTICATED");

        Answer introspection = graphql(null, operation("schemaQueryType"));
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection
                        .data()
                        .path("__schema")
                        .path("queryType")
                        .path("name")
                        .asText())
                .isEqualTo("Query");
    }

    private static List<String> names(JsonNode list) {
        return names(list, "name");
    }

    private static List<String> names(JsonNode list, String field) {
        List<String> names = new ArrayList<>();
        list.forEach(node -> names.add(node.path(field).asText()));
        return names;
    }
}
