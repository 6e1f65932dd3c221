package dev.orgql.mutation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.RecordedOrg.Version;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * setRoleScopes and createRole check role and scope ids against the template before calling Logto
 * (defects 5 and 6 of issue 8), and createRole leaves no role behind when Logto fails half-way, on
 * Logto 1.37.1 (which keeps the role, recordings 48/49) and 1.42.0 (which rolls back).
 */
@MicronautTest
class RoleTemplateChecksTest extends GatewayTest {
    static final String SET_SCOPES = operation("setRoleScopes");
    static final String CREATE = operation("createRole");
    static final String ROLES = "GET /api/organization-roles?page=1&page_size=100";
    static final String SCOPES = "GET /api/organization-scopes?page=1&page_size=100";

    @Inject
    TemplateCache template;

    String manager() {
        return userToken(Ids.ALICE, "manage:template");
    }

    @BeforeEach
    void stubTemplate() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .withQueryParam("q", WireMock.absent())
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-scopes"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateScopes(), 8)));
    }

    static JsonNode recorded(Version version, String file) {
        return Fixtures.load(version.folder + "/" + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "lmqtqsf3kxxk3m88j3uu0"})
    void setRoleScopesOfAnUnknownRoleIsNotFoundAndCallsNoWrite(String roleId) {
        // Logto answers 204 to this PUT for an unknown role (recording 50, both versions): were it sent,
        // the payload would be {role: null, userErrors: []}.
        JsonNode recorded = recorded(Version.V1_42_0, "50-replace-scopes-of-unknown-role.json");
        LogtoMock.stub(WireMock.put(WireMock.urlPathMatching("/api/organization-roles/.*/scopes"))
                .willReturn(WireMock.aResponse()
                        .withStatus(recorded.at("/response/status").asInt())));

        Answer answer =
                graphql(manager(), SET_SCOPES, Map.of("input", Map.of("roleId", roleId, "scopeIds", List.of())));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/setRoleScopes/role").isNull()).isTrue();
        assertThat(answer.data().at("/setRoleScopes/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(answer.data().at("/setRoleScopes/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "roleId")));
        assertThat(answer.data().at("/setRoleScopes/userErrors/0/message").asText())
                .contains(roleId);
        // The template is read, and once more on the miss (the role could be seconds old).
        assertThat(LogtoMock.calls()).containsExactly(ROLES, ROLES);
    }

    @Test
    void setRoleScopesOfSomethingNoRoleIdCanBeIsBadInputAndCallsNothing() {
        // `X/../X` cannot be an id of any role: it is refused as input before the template is read.
        Answer answer =
                graphql(manager(), SET_SCOPES, Map.of("input", Map.of("roleId", "X/../X", "scopeIds", List.of())));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/setRoleScopes/role").isNull()).isTrue();
        assertThat(answer.data().at("/setRoleScopes/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(answer.data().at("/setRoleScopes/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "roleId")));
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void setRoleScopesWithAnUnknownScopeNamesItAndCallsNoWrite() {
        Answer answer = graphql(
                manager(),
                SET_SCOPES,
                Map.of(
                        "input",
                        Map.of(
                                "roleId",
                                Ids.ROLE_MEMBER,
                                "scopeIds",
                                List.of(Ids.scopeId("read:data"), "nope", "nope2"))));

        assertThat(answer.data().at("/setRoleScopes/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(answer.data().at("/setRoleScopes/userErrors/0/message").asText())
                .contains("nope, nope2");
        assertThat(answer.data().at("/setRoleScopes/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "scopeIds")));
        assertThat(LogtoMock.calls()).containsExactly(ROLES, SCOPES, SCOPES);
    }

    @Test
    void setRoleScopesOfAKnownRoleStillWorks() {
        LogtoMock.stub(WireMock.put(urlPathEqualTo("/api/organization-roles/" + Ids.ROLE_MEMBER + "/scopes"))
                .willReturn(LogtoMock.noContent()));
        Answer answer = graphql(
                manager(),
                SET_SCOPES,
                Map.of("input", Map.of("roleId", Ids.ROLE_MEMBER, "scopeIds", List.of(Ids.scopeId("read:data")))));
        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/setRoleScopes/userErrors")).isEmpty();
        assertThat(answer.data().at("/setRoleScopes/role/roleId").asText()).isEqualTo(Ids.ROLE_MEMBER);
        assertThat(LogtoMock.calls())
                .containsExactly(ROLES, SCOPES, "PUT /api/organization-roles/" + Ids.ROLE_MEMBER + "/scopes", ROLES);
    }

    @Test
    void createRoleWithAnUnknownScopeIsRefusedBeforeLogtoIsCalled() {
        Answer answer = graphql(
                manager(), CREATE, Map.of("input", Map.of("name", "rec2-role-bad", "scopeIds", List.of("nope"))));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/createRole/role").isNull()).isTrue();
        assertThat(answer.data().at("/createRole/userErrors/0/code").asText()).isEqualTo("NOT_FOUND");
        assertThat(answer.data().at("/createRole/userErrors/0/message").asText())
                .contains("nope");
        assertThat(answer.data().at("/createRole/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "scopeIds")));
        assertThat(LogtoMock.calls()).containsExactly(SCOPES, SCOPES);
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void whenLogtoRefusesAScopeHalfWayTheRoleIsNotLeftBehind(Version version) {
        // The scope passed the check but was deleted before Logto inserted the relation.
        JsonNode refused = recorded(version, "48-create-organization-role-unknown-scope.json")
                .at("/response");
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.json(
                        refused.get("status").asInt(), refused.get("body").toString())));
        JsonNode leftOver = recorded(version, "49-list-organization-roles-after-failed-create.json")
                .at("/response");
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .withQueryParam("q", equalTo("rec2-role-bad"))
                .willReturn(LogtoMock.page(
                        leftOver.get("body"),
                        leftOver.at("/headers/total-number").asInt())));
        LogtoMock.stub(WireMock.delete(WireMock.urlPathMatching("/api/organization-roles/.*"))
                .willReturn(LogtoMock.noContent()));

        Answer answer = graphql(
                manager(),
                CREATE,
                Map.of("input", Map.of("name", "rec2-role-bad", "scopeIds", List.of(Ids.scopeId("read:data")))));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/createRole/role").isNull()).isTrue();
        assertThat(answer.data().at("/createRole/userErrors/0/code").asText()).isEqualTo("NOT_FOUND");
        String find = "GET /api/organization-roles?q=rec2-role-bad&page=1&page_size=100";
        if (version == Version.V1_37_1) {
            String kept = leftOver.at("/body/0/id").asText();
            assertThat(LogtoMock.calls())
                    .containsExactly(
                            SCOPES, "POST /api/organization-roles", find, "DELETE /api/organization-roles/" + kept);
        } else {
            assertThat(LogtoMock.calls()).containsExactly(SCOPES, "POST /api/organization-roles", find);
        }
    }

    @Test
    void aRoleWhoseNameOnlyContainsTheNewNameIsNotDeleted() {
        // Logto's q matches names containing the text (and escaped: `_` is literal); only the exact name is ours.
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.error(422, "422.entity.relation_foreign_key_not_found.json")));
        JsonNode shape = recorded(Version.V1_37_1, "49-list-organization-roles-after-failed-create.json")
                .at("/response/body/0");
        var listed = Fixtures.JSON
                .createArrayNode()
                .add(shape.deepCopy())
                .add(((com.fasterxml.jackson.databind.node.ObjectNode) shape.deepCopy())
                        .put("id", "othr0l3othr0l3othr0l3")
                        .put("name", "ops_lead_2"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) listed.get(0)).put("name", "ops_lead");
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .withQueryParam("q", equalTo("ops\\_lead"))
                .willReturn(LogtoMock.page(listed, 2)));
        LogtoMock.stub(WireMock.delete(WireMock.urlPathMatching("/api/organization-roles/.*"))
                .willReturn(LogtoMock.noContent()));

        Answer answer = graphql(
                manager(),
                CREATE,
                Map.of("input", Map.of("name", "ops_lead", "scopeIds", List.of(Ids.scopeId("read:data")))));

        assertThat(answer.data().at("/createRole/userErrors/0/code").asText()).isEqualTo("NOT_FOUND");
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "POST /api/organization-roles",
                        "DELETE /api/organization-roles/" + shape.get("id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"createRole", "updateRole", "createScope", "updateScope"})
    void aChangedRoleOrScopeGoneFromTheTemplateMeanwhileIsNotFoundNotAnEmptyPayload(String mutation) {
        // Logto made the change, but a simultaneous deleteRole/deleteScope removed the object before it
        // was read back: the payload says so instead of {role: null, userErrors: []}.
        String gone = "g0n3g0n3g0n3g0n3g0n30";
        var role = Fixtures.load("organization-role.create.response.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) role).put("id", gone);
        var scope = Fixtures.load("organization-scope.get.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) scope).put("id", gone);
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.json(201, role.toString())));
        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organization-roles/" + gone))
                .willReturn(LogtoMock.json(role)));
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organization-scopes"))
                .willReturn(LogtoMock.json(201, scope.toString())));
        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organization-scopes/" + gone))
                .willReturn(LogtoMock.json(scope)));
        boolean isRole = mutation.endsWith("Role");
        Map<String, Object> input = new java.util.HashMap<>();
        input.put("name", "auditor");
        if (mutation.startsWith("update")) {
            input.put(isRole ? "roleId" : "scopeId", gone);
        }
        Answer answer = graphql(manager(), operation(mutation), Map.of("input", input));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data()
                        .at("/" + mutation + (isRole ? "/role" : "/scope"))
                        .isNull())
                .isTrue();
        assertThat(answer.data().at("/" + mutation + "/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(answer.data().at("/" + mutation + "/userErrors/0/message").asText())
                .contains(gone);
    }

    @Test
    void whenTheLeftOverRoleCannotBeDeletedTheCallerIsToldByAnError() {
        JsonNode refused = recorded(Version.V1_37_1, "48-create-organization-role-unknown-scope.json")
                .at("/response");
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.json(
                        refused.get("status").asInt(), refused.get("body").toString())));
        JsonNode leftOver = recorded(Version.V1_37_1, "49-list-organization-roles-after-failed-create.json")
                .at("/response");
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .withQueryParam("q", equalTo("rec2-role-bad"))
                .willReturn(LogtoMock.page(leftOver.get("body"), 1)));
        LogtoMock.stub(WireMock.delete(WireMock.urlPathMatching("/api/organization-roles/.*"))
                .willReturn(LogtoMock.error(500, "500.internal.json")));

        Answer answer = graphql(
                manager(),
                CREATE,
                Map.of("input", Map.of("name", "rec2-role-bad", "scopeIds", List.of(Ids.scopeId("read:data")))));

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(answer.data().get("createRole").isNull()).isTrue();
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "POST /api/organization-roles",
                        "DELETE /api/organization-roles/"
                                + leftOver.at("/body/0/id").asText());
    }
}
