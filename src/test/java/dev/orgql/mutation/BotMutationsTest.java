package dev.orgql.mutation;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.orgql.mutation.MemberMutationsTest.input;
import static dev.orgql.mutation.MemberMutationsTest.json;
import static dev.orgql.mutation.MemberMutationsTest.roles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.graphql.GlobalIds;
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

/** addBots, removeBot, assignBotRoles, setBotRoles. */
@MicronautTest
class BotMutationsTest extends GatewayTest {
    static final String APP = "c7n2m8k4j1h9g5f3d6s0a";
    static final String ORG = MemberMutationsTest.ORG;
    static final String ADD = operation("addBots");
    static final String ASSIGN = operation("assignBotRolesCodes");
    static final String SET = operation("setBotRoles");
    static final String REMOVE = operation("removeBot");

    @Inject
    TemplateCache template;

    @BeforeEach
    void stubTemplate() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }

    String admin() {
        return orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member");
    }

    static void stubApplication(String type) {
        ArrayNode apps = Fixtures.JSON.createArrayNode();
        ObjectNode app = Fixtures.load("applications.list.json").get(0).deepCopy();
        app.put("id", APP).put("type", type);
        apps.add(app);
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/applications")).willReturn(LogtoMock.page(apps, 1)));
    }

    @Test
    void addBotsChecksTheApplicationThenAddsAndAssigns() {
        stubApplication("MachineToMachine");
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/applications")).willReturn(LogtoMock.created()));
        LogtoMock.stub(
                WireMock.post(urlPathEqualTo(ORG + "/applications/roles")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/applications/" + APP + "/roles"))
                .willReturn(LogtoMock.json(roles(Ids.ROLE_BOT))));

        Answer answer = graphql(admin(), ADD, input("applicationIds", List.of(APP), "roleIds", List.of(Ids.ROLE_BOT)));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/addBots/bots/0/applicationId").asText()).isEqualTo(APP);
        assertThat(answer.data().at("/addBots/bots/0/roles/0/name").asText()).isEqualTo("bot");
        assertThat(LogtoMock.writes())
                .containsExactly("POST " + ORG + "/applications", "POST " + ORG + "/applications/roles");
        assertThat(LogtoMock.bodyOf("POST", ORG + "/applications"))
                .isEqualTo(json(Map.of("applicationIds", List.of(APP))));
        assertThat(LogtoMock.bodyOf("POST", ORG + "/applications/roles"))
                .isEqualTo(json(Map.of("applicationIds", List.of(APP), "organizationRoleIds", List.of(Ids.ROLE_BOT))));
        assertThat(LogtoMock.calls())
                .anyMatch(c -> c.startsWith("GET /api/applications?search.id=" + APP) && c.contains("mode.id=exact"));
    }

    @Test
    void addBotsRemovesTheNewcomerAgainWhenItsRolesCannotBeGiven() {
        stubApplication("MachineToMachine");
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/applications")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/applications/roles"))
                .willReturn(LogtoMock.error(500, "500.internal.json")));
        LogtoMock.stub(
                WireMock.delete(urlPathEqualTo(ORG + "/applications/" + APP)).willReturn(LogtoMock.noContent()));

        Answer answer = graphql(admin(), ADD, input("applicationIds", List.of(APP), "roleIds", List.of(Ids.ROLE_BOT)));

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "POST " + ORG + "/applications",
                        "POST " + ORG + "/applications/roles",
                        "DELETE " + ORG + "/applications/" + APP);
        assertThat(LogtoMock.calls())
                .anyMatch(c -> c.startsWith("GET /api/applications?search.id=" + APP)
                        && c.contains("excludeOrganizationId=" + Ids.ORG_A));
    }

    @Test
    void addBotsUserErrors() {
        stubApplication("SPA");
        Answer spa = graphql(admin(), ADD, input("applicationIds", List.of(APP)));
        assertThat(spa.data().at("/addBots/userErrors/0/code").asText()).isEqualTo("NOT_MACHINE_TO_MACHINE");

        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/applications"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
        Answer unknown = graphql(admin(), ADD, input("applicationIds", List.of(APP)));
        assertThat(unknown.data().at("/addBots/userErrors/0/code").asText()).isEqualTo("NOT_FOUND");

        Answer userRole =
                graphql(admin(), ADD, input("applicationIds", List.of(APP), "roleIds", List.of(Ids.ROLE_MEMBER)));
        assertThat(userRole.data().at("/addBots/userErrors/0/code").asText()).isEqualTo("ROLE_TYPE_MISMATCH");
        assertThat(LogtoMock.writes()).isEmpty();

        // Logto's own refusal (the type changed between the check and the add) reads the same.
        stubApplication("MachineToMachine");
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/applications"))
                .willReturn(LogtoMock.error(422, "422.entity.db_constraint_violated.json")));
        Answer refused = graphql(admin(), ADD, input("applicationIds", List.of(APP)));
        assertThat(refused.errors()).isNull();
        assertThat(refused.data().at("/addBots/userErrors/0/code").asText()).isEqualTo("NOT_MACHINE_TO_MACHINE");

        LogtoMock.clearJournal();
        Answer denied = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data delete:member"), ADD, input("applicationIds", List.of(APP)));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void removeBot() {
        LogtoMock.stub(
                WireMock.delete(urlPathEqualTo(ORG + "/applications/" + APP)).willReturn(LogtoMock.noContent()));
        Answer removed = graphql(admin(), REMOVE, input("applicationId", APP));
        assertThat(removed.data().at("/removeBot/removedApplicationId").asText())
                .isEqualTo(APP);
        assertThat(removed.data().at("/removeBot/removedNodeId").asText())
                .isEqualTo(GlobalIds.encode("Bot", Ids.ORG_A, APP));
        assertThat(LogtoMock.writes()).containsExactly("DELETE " + ORG + "/applications/" + APP);

        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/applications/" + APP))
                .willReturn(LogtoMock.error(404, "404.entity.not_found.json")));
        Answer missing = graphql(admin(), REMOVE, input("applicationId", APP));
        assertThat(missing.data().at("/removeBot/userErrors/0/code").asText()).isEqualTo("NOT_A_MEMBER");
    }

    @Test
    void assignBotRolesUsesTheBulkRouteAndRefusesUserRoles() {
        LogtoMock.stub(
                WireMock.post(urlPathEqualTo(ORG + "/applications/roles")).willReturn(LogtoMock.created()));
        Answer ok = graphql(admin(), ASSIGN, input("applicationIds", List.of(APP), "roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(ok.data().at("/assignBotRoles/userErrors")).isEmpty();
        assertThat(LogtoMock.bodyOf("POST", ORG + "/applications/roles"))
                .isEqualTo(json(Map.of("applicationIds", List.of(APP), "organizationRoleIds", List.of(Ids.ROLE_BOT))));

        LogtoMock.clearJournal();
        Answer userRole =
                graphql(admin(), ASSIGN, input("applicationIds", List.of(APP), "roleIds", List.of(Ids.ROLE_ADMIN)));
        assertThat(userRole.data().at("/assignBotRoles/userErrors/0/code").asText())
                .isEqualTo("ROLE_TYPE_MISMATCH");
        assertThat(LogtoMock.writes()).isEmpty();

        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/applications/roles"))
                .willReturn(LogtoMock.error(422, "422.entity.db_constraint_violated.json")));
        Answer refused =
                graphql(admin(), ASSIGN, input("applicationIds", List.of(APP), "roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(refused.data().at("/assignBotRoles/userErrors/0/code").asText())
                .isEqualTo("ROLE_TYPE_MISMATCH");

        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/applications/roles"))
                .willReturn(LogtoMock.error(422, "422.entity.relation_foreign_key_not_found.json")));
        Answer stranger =
                graphql(admin(), ASSIGN, input("applicationIds", List.of(APP), "roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(stranger.data().at("/assignBotRoles/userErrors/0/code").asText())
                .isEqualTo("NOT_A_MEMBER");
    }

    @Test
    void setBotRolesPutsOrClearsOneByOne() {
        stubApplication("MachineToMachine");
        LogtoMock.stub(WireMock.put(urlPathEqualTo(ORG + "/applications/" + APP + "/roles"))
                .willReturn(LogtoMock.noContent()));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/applications/" + APP + "/roles"))
                .willReturn(LogtoMock.json(roles(Ids.ROLE_BOT))));
        Answer set = graphql(admin(), SET, input("applicationId", APP, "roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(set.errors()).isNull();
        assertThat(set.data().at("/setBotRoles/bot/roles/0/name").asText()).isEqualTo("bot");
        assertThat(LogtoMock.writes()).containsExactly("PUT " + ORG + "/applications/" + APP + "/roles");
        assertThat(LogtoMock.bodyOf("PUT", ORG + "/applications/" + APP + "/roles"))
                .isEqualTo(json(Map.of("organizationRoleIds", List.of(Ids.ROLE_BOT))));

        LogtoMock.clearJournal();
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/applications/" + APP + "/roles/" + Ids.ROLE_BOT))
                .willReturn(LogtoMock.noContent()));
        Answer cleared =
                graphql(admin(), operation("setBotRolesCodes"), input("applicationId", APP, "roleIds", List.of()));
        assertThat(cleared.data().at("/setBotRoles/userErrors")).isEmpty();
        assertThat(LogtoMock.writes())
                .containsExactly("DELETE " + ORG + "/applications/" + APP + "/roles/" + Ids.ROLE_BOT);

        LogtoMock.stub(WireMock.put(urlPathEqualTo(ORG + "/applications/" + APP + "/roles"))
                .willReturn(LogtoMock.error(422, "422.organization.require_membership.json")));
        Answer stranger = graphql(admin(), SET, input("applicationId", APP, "roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(stranger.data().at("/setBotRoles/userErrors/0/code").asText())
                .isEqualTo("NOT_A_MEMBER");
        Answer userRole = graphql(admin(), SET, input("applicationId", APP, "roleIds", List.of(Ids.ROLE_MEMBER)));
        assertThat(userRole.data().at("/setBotRoles/userErrors/0/code").asText())
                .isEqualTo("ROLE_TYPE_MISMATCH");
    }

    @Test
    void clearingBotRolesGivesBackWhatWasRemovedWhenARemovalFails() {
        stubApplication("MachineToMachine");
        String otherRole = "0therm2mrole000000001";
        var current = roles(Ids.ROLE_BOT);
        current.addObject()
                .put("tenantId", "default")
                .put("id", otherRole)
                .put("name", "auditor")
                .putNull("description")
                .put("type", "MachineToMachine");
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/applications/" + APP + "/roles"))
                .willReturn(LogtoMock.json(current)));
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/applications/" + APP + "/roles/" + Ids.ROLE_BOT))
                .willReturn(LogtoMock.noContent()));
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG + "/applications/" + APP + "/roles/" + otherRole))
                .willReturn(LogtoMock.error(500, "500.internal.json")));
        LogtoMock.stub(
                WireMock.post(urlPathEqualTo(ORG + "/applications/roles")).willReturn(LogtoMock.created()));

        Answer cleared =
                graphql(admin(), operation("setBotRolesCodes"), input("applicationId", APP, "roleIds", List.of()));

        assertThat(cleared.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.writes()).contains("POST " + ORG + "/applications/roles");
        assertThat(LogtoMock.bodyOf("POST", ORG + "/applications/roles"))
                .isEqualTo(json(Map.of("applicationIds", List.of(APP), "organizationRoleIds", List.of(Ids.ROLE_BOT))));
    }
}
