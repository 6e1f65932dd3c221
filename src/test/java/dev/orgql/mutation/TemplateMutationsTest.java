package dev.orgql.mutation;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** createRole, updateRole, deleteRole, setRoleScopes, createScope, updateScope, deleteScope. */
@MicronautTest
class TemplateMutationsTest extends GatewayTest {
    static final String NEW_ROLE = "n3wr0l3n3wr0l3n3wr0l3";
    static final String NEW_SCOPE = "n3wsc0p3n3wsc0p3n3ws0";
    static final String TEMPLATE = operation("templateRolesAndScopes");

    @Inject
    TemplateCache template;

    String manager() {
        return userToken(Ids.ALICE, "manage:template");
    }

    @BeforeEach
    void stubTemplate() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-scopes"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateScopes(), 8)));
    }

    private static ArrayNode rolesWithNewOne() {
        ArrayNode roles = Fixtures.defaultTemplateRoles();
        ObjectNode added = roles.get(0).deepCopy();
        added.put("id", NEW_ROLE).put("name", "auditor").put("type", "User");
        added.putArray("scopes").addObject().put("id", Ids.scopeId("read:data")).put("name", "read:data");
        roles.add(added);
        return roles;
    }

    @Test
    void createRoleCreatesWithScopesAndTheNextQuerySeesIt() {
        assertThat(graphql(manager(), TEMPLATE).data().at("/organizationTemplate/roles"))
                .hasSize(3);
        ObjectNode created =
                Fixtures.load("organization-role.create.response.json").deepCopy();
        created.put("id", NEW_ROLE).put("name", "auditor");
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.json(201, created.toString())));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(rolesWithNewOne(), 4)));

        Answer answer = graphql(
                manager(),
                operation("createRole"),
                Map.of(
                        "input",
                        Map.of(
                                "name",
                                "auditor",
                                "description",
                                "Reads",
                                "scopeIds",
                                List.of(Ids.scopeId("read:data")))));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/createRole/role/roleId").asText()).isEqualTo(NEW_ROLE);
        assertThat(answer.data().at("/createRole/role/scopes/0/name").asText()).isEqualTo("read:data");
        assertThat(LogtoMock.writes()).containsExactly("POST /api/organization-roles");
        assertThat(LogtoMock.bodyOf("POST", "/api/organization-roles"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of(
                        "name",
                        "auditor",
                        "description",
                        "Reads",
                        "type",
                        "User",
                        "organizationScopeIds",
                        List.of(Ids.scopeId("read:data")))));
        assertThat(graphql(manager(), TEMPLATE).data().at("/organizationTemplate/roles"))
                .hasSize(4);
    }

    @Test
    void createRoleWithATakenNameIsAConflict() {
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.error(422, "422.entity.unique_integrity_violation.json")));
        Answer taken = graphql(manager(), operation("createRole"), Map.of("input", Map.of("name", "admin")));
        assertThat(taken.errors()).isNull();
        assertThat(taken.data().at("/createRole/userErrors/0/code").asText()).isEqualTo("CONFLICT");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user token without manage:template", "organization token with manage:template"})
    void createRoleIsDeniedWithoutATenantWideManageTemplate(String caller) {
        // manage:template is the tenant-wide API scope (README): the same name in an organization token does not count.
        String token = caller.startsWith("user")
                ? userToken(Ids.ALICE, "create:organization")
                : orgToken(Ids.ALICE, Ids.ORG_A, "manage:template");
        Answer denied = graphql(token, operation("createRole"), Map.of("input", Map.of("name", "auditor")));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(denied.data().get("createRole").isNull()).isTrue();
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void updateRoleAndSetRoleScopes() {
        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organization-roles/" + Ids.ROLE_MEMBER))
                .willReturn(LogtoMock.json(
                        200,
                        "{\"tenantId\":\"default\",\"id\":\"" + Ids.ROLE_MEMBER
                                + "\",\"name\":\"member\",\"description\":\"Everyone\",\"type\":\"User\"}")));
        Answer updated = graphql(
                manager(),
                operation("updateRole"),
                Map.of("input", Map.of("roleId", Ids.ROLE_MEMBER, "description", "Everyone")));
        assertThat(updated.errors()).isNull();
        assertThat(updated.data().at("/updateRole/role/name").asText()).isEqualTo("member");
        assertThat(LogtoMock.bodyOf("PATCH", "/api/organization-roles/" + Ids.ROLE_MEMBER))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("description", "Everyone")));

        Answer renameCreator = graphql(
                manager(), operation("updateRole"), Map.of("input", Map.of("roleId", Ids.ROLE_ADMIN, "name", "owner")));
        assertThat(renameCreator.data().at("/updateRole/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");

        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organization-roles/nosuchrole"))
                .willReturn(LogtoMock.error(404, "404.entity.not_exists.json")));
        Answer missing = graphql(
                manager(), operation("updateRole"), Map.of("input", Map.of("roleId", "nosuchrole", "name", "x")));
        assertThat(missing.data().at("/updateRole/userErrors/0/code").asText()).isEqualTo("NOT_FOUND");

        LogtoMock.clearJournal();
        LogtoMock.stub(WireMock.put(urlPathEqualTo("/api/organization-roles/" + Ids.ROLE_MEMBER + "/scopes"))
                .willReturn(LogtoMock.noContent()));
        Answer scoped = graphql(
                manager(),
                operation("setRoleScopes"),
                Map.of("input", Map.of("roleId", Ids.ROLE_MEMBER, "scopeIds", List.of(Ids.scopeId("read:data")))));
        assertThat(scoped.errors()).isNull();
        assertThat(LogtoMock.writes()).containsExactly("PUT /api/organization-roles/" + Ids.ROLE_MEMBER + "/scopes");
        assertThat(LogtoMock.bodyOf("PUT", "/api/organization-roles/" + Ids.ROLE_MEMBER + "/scopes"))
                .isEqualTo(
                        Fixtures.JSON.valueToTree(Map.of("organizationScopeIds", List.of(Ids.scopeId("read:data")))));
        // The template was read again after the change.
        assertThat(LogtoMock.calls()).anyMatch(c -> c.startsWith("GET /api/organization-roles?"));
    }

    @Test
    void deleteRoleKeepsTheCreatorRole() {
        String op = operation("deleteRole");
        Answer creator = graphql(manager(), op, Map.of("input", Map.of("roleId", Ids.ROLE_ADMIN)));
        assertThat(creator.data().at("/deleteRole/userErrors/0/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.writes()).isEmpty();

        LogtoMock.stub(WireMock.delete(urlPathEqualTo("/api/organization-roles/" + Ids.ROLE_MEMBER))
                .willReturn(LogtoMock.noContent()));
        Answer deleted = graphql(manager(), op, Map.of("input", Map.of("roleId", Ids.ROLE_MEMBER)));
        assertThat(deleted.data().at("/deleteRole/deletedRoleId").asText()).isEqualTo(Ids.ROLE_MEMBER);
        assertThat(deleted.data().at("/deleteRole/deletedNodeId").asText())
                .isEqualTo(GlobalIds.encode("Role", Ids.ROLE_MEMBER));
        assertThat(LogtoMock.writes()).containsExactly("DELETE /api/organization-roles/" + Ids.ROLE_MEMBER);

        LogtoMock.stub(WireMock.delete(urlPathEqualTo("/api/organization-roles/nosuchrole"))
                .willReturn(LogtoMock.error(404, "404.entity.not_found.json")));
        Answer missing = graphql(manager(), op, Map.of("input", Map.of("roleId", "nosuchrole")));
        assertThat(missing.data().at("/deleteRole/userErrors/0/code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void scopesCanBeCreatedUpdatedAndDeleted() {
        assertThat(graphql(manager(), TEMPLATE).data().at("/organizationTemplate/scopes"))
                .hasSize(8);
        ObjectNode scope = Fixtures.load("organization-scope.get.json").deepCopy();
        scope.put("id", NEW_SCOPE).put("name", "export:data");
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organization-scopes"))
                .willReturn(LogtoMock.json(201, scope.toString())));
        ArrayNode scopes = Fixtures.defaultTemplateScopes();
        scopes.add(scope);
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-scopes")).willReturn(LogtoMock.page(scopes, 9)));

        Answer created = graphql(manager(), operation("createScope"), Map.of("input", Map.of("name", "export:data")));
        assertThat(created.errors()).isNull();
        assertThat(created.data().at("/createScope/scope/name").asText()).isEqualTo("export:data");
        assertThat(LogtoMock.bodyOf("POST", "/api/organization-scopes"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("name", "export:data")));
        assertThat(graphql(manager(), TEMPLATE).data().at("/organizationTemplate/scopes"))
                .hasSize(9);

        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organization-scopes/" + NEW_SCOPE))
                .willReturn(LogtoMock.json(200, scope.toString())));
        Answer updated = graphql(
                manager(),
                operation("updateScope"),
                Map.of("input", Map.of("scopeId", NEW_SCOPE, "description", "Export")));
        assertThat(updated.data().at("/updateScope/scope/scopeId").asText()).isEqualTo(NEW_SCOPE);
        assertThat(LogtoMock.bodyOf("PATCH", "/api/organization-scopes/" + NEW_SCOPE))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("description", "Export")));
        Answer empty = graphql(manager(), operation("updateScope"), Map.of("input", Map.of("scopeId", NEW_SCOPE)));
        assertThat(empty.data().at("/updateScope/userErrors/0/code").asText()).isEqualTo("BAD_USER_INPUT");

        LogtoMock.stub(WireMock.delete(urlPathEqualTo("/api/organization-scopes/" + NEW_SCOPE))
                .willReturn(LogtoMock.noContent()));
        Answer deleted = graphql(manager(), operation("deleteScope"), Map.of("input", Map.of("scopeId", NEW_SCOPE)));
        assertThat(deleted.data().at("/deleteScope/deletedScopeId").asText()).isEqualTo(NEW_SCOPE);
        assertThat(deleted.data().at("/deleteScope/deletedNodeId").asText())
                .isEqualTo(GlobalIds.encode("Scope", NEW_SCOPE));

        LogtoMock.clearJournal();
        Answer denied = graphql(
                userToken(Ids.ALICE, ""), operation("deleteScope"), Map.of("input", Map.of("scopeId", NEW_SCOPE)));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }
}
