package dev.orgql.mutation;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.auth.AuthConfig;
import dev.orgql.graphql.GlobalIds;
import dev.orgql.organization.CreationKeys;
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

/** createOrganization (with its rollback), updateOrganization and deleteOrganization. */
@MicronautTest
class OrganizationMutationsTest extends GatewayTest {
    private static final String NEW_ORG = "ryggecuhevx9";
    private static final String ORG_PATH = "/api/organizations/" + NEW_ORG;

    @Inject
    TemplateCache template;

    @Inject
    AuthConfig authConfig;

    @BeforeEach
    void stubTemplate() {
        template.invalidate();
        authConfig.setCreateOrganizationRequiresScope(false);
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }

    private void stubCreation() {
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organizations"))
                .willReturn(LogtoMock.json(
                        201,
                        Fixtures.recordedBody("09-create-organization.json").toString())));
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG_PATH)).willReturn(LogtoMock.noContent()));
    }

    private Map<String, Object> createInput() {
        return Map.of(
                "input",
                Map.of("name", "Acme mwrs5zyi", "description", "Acme Inc.", "customData", Map.of("plan", "pro")));
    }

    @Test
    void createOrganizationMakesTheCallerItsAdminWithTextCreatedAnswers() {
        stubCreation();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users/" + Ids.ALICE + "/roles"))
                .willReturn(LogtoMock.created()));

        Answer answer = graphql(userToken(Ids.ALICE, ""), operation("createOrganization"), createInput());

        assertThat(answer.errors()).isNull();
        JsonNode payload = answer.data().get("createOrganization");
        assertThat(payload.get("userErrors")).isEmpty();
        assertThat(payload.at("/organization/organizationId").asText()).isEqualTo(NEW_ORG);
        assertThat(payload.at("/organization/customData/plan").asText()).isEqualTo("pro");
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "POST /api/organizations",
                        "POST " + ORG_PATH + "/users",
                        "POST " + ORG_PATH + "/users/" + Ids.ALICE + "/roles");
        assertThat(LogtoMock.bodyOf("POST", "/api/organizations"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of(
                        "name",
                        "Acme mwrs5zyi",
                        "description",
                        "Acme Inc.",
                        "customData",
                        // The gateway's creation key, for a lost answer (MutationFaultsTest); hidden from reads.
                        Map.of("plan", "pro", CreationKeys.CUSTOM_DATA_KEY, keyOfTheCreate()))));
        assertThat(LogtoMock.bodyOf("POST", ORG_PATH + "/users"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("userIds", List.of(Ids.ALICE))));
        assertThat(LogtoMock.bodyOf("POST", ORG_PATH + "/users/" + Ids.ALICE + "/roles"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("organizationRoleIds", List.of(Ids.ROLE_ADMIN))));
    }

    @Test
    void createOrganizationAcceptsNewerLogtosJsonAnswers() {
        stubCreation();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users"))
                .willReturn(LogtoMock.json(201, "{\"userIds\":[\"" + Ids.ALICE + "\"]}")));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users/" + Ids.ALICE + "/roles"))
                .willReturn(LogtoMock.json(201, "{\"organizationRoleIds\":[\"" + Ids.ROLE_ADMIN + "\"]}")));

        Answer answer = graphql(userToken(Ids.ALICE, ""), operation("createOrganization"), createInput());

        assertThat(answer.errors()).isNull();
        assertThat(answer.data()
                        .at("/createOrganization/organization/organizationId")
                        .asText())
                .isEqualTo(NEW_ORG);
    }

    @Test
    void createOrganizationDeletesTheOrganizationWhenAddingTheCreatorFails() {
        stubCreation();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users"))
                .willReturn(LogtoMock.error(500, "500.internal.json")));

        Answer answer = graphql(userToken(Ids.ALICE, ""), operation("createOrganization"), createInput());

        assertThat(answer.data().get("createOrganization").isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.writes())
                .containsExactly("POST /api/organizations", "POST " + ORG_PATH + "/users", "DELETE " + ORG_PATH);
    }

    @Test
    void createOrganizationDeletesTheOrganizationWhenAssigningTheRoleFails() {
        stubCreation();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users/" + Ids.ALICE + "/roles"))
                .willReturn(LogtoMock.error(422, "422.entity.db_constraint_violated.json")));

        Answer answer = graphql(userToken(Ids.ALICE, ""), operation("createOrganization"), createInput());

        assertThat(answer.errors()).isNull();
        JsonNode payload = answer.data().get("createOrganization");
        assertThat(payload.get("organization").isNull()).isTrue();
        assertThat(payload.at("/userErrors/0/code").asText()).isEqualTo("ROLE_TYPE_MISMATCH");
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "POST /api/organizations",
                        "POST " + ORG_PATH + "/users",
                        "POST " + ORG_PATH + "/users/" + Ids.ALICE + "/roles",
                        "DELETE " + ORG_PATH);
    }

    @Test
    void createOrganizationRefusesBadInputAndDuplicatesAsUserErrors() {
        Answer blank = graphql(
                userToken(Ids.ALICE, ""), operation("createOrganization"), Map.of("input", Map.of("name", " ")));
        assertThat(blank.data().at("/createOrganization/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(blank.data().at("/createOrganization/userErrors/0/field").toString())
                .isEqualTo("[\"input\",\"name\"]");

        Answer notObject = graphql(
                userToken(Ids.ALICE, ""),
                operation("createOrganization"),
                Map.of("input", Map.of("name", "Acme", "customData", List.of(1, 2))));
        assertThat(notObject
                        .data()
                        .at("/createOrganization/userErrors/0/field/1")
                        .asText())
                .isEqualTo("customData");
        assertThat(LogtoMock.writes()).isEmpty();

        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organizations"))
                .willReturn(LogtoMock.error(400, "400.guard.invalid_input.json")));
        Answer invalid = graphql(userToken(Ids.ALICE, ""), operation("createOrganization"), createInput());
        assertThat(invalid.data().at("/createOrganization/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.writes()).containsExactly("POST /api/organizations");
    }

    @Test
    void createOrganizationIsForUsersAndCanBeGatedByAnApiScope() {
        String machine = TestTokens.token(LogtoMock.issuer())
                .subject(TestTokens.SPA_CLIENT_ID)
                .audience(TestTokens.API_RESOURCE)
                .scope("create:organization")
                .sign();
        Answer denied = graphql(machine, operation("createOrganization"), createInput());
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(denied.data().get("createOrganization").isNull()).isTrue();

        authConfig.setCreateOrganizationRequiresScope(true);
        Answer gated = graphql(userToken(Ids.ALICE, ""), operation("createOrganization"), createInput());
        assertThat(gated.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(gated.firstError().at("/extensions/missingScopes/0").asText())
                .isEqualTo("create:organization");
        assertThat(LogtoMock.apiCalls()).isEmpty();

        stubCreation();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users/" + Ids.ALICE + "/roles"))
                .willReturn(LogtoMock.created()));
        Answer allowed =
                graphql(userToken(Ids.ALICE, "create:organization"), operation("createOrganization"), createInput());
        assertThat(allowed.errors()).isNull();
        assertThat(allowed.data()
                        .at("/createOrganization/organization/organizationId")
                        .asText())
                .isEqualTo(NEW_ORG);
    }

    @Test
    void theCreatorSeesTheirPermissionsRightAfterCreating() {
        String token = userToken(Ids.ALICE, "");
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH + "/users/" + Ids.ALICE + "/scopes"))
                .willReturn(LogtoMock.json(200, "[]")));
        Answer before = graphql(token, operation("viewerPermissions"), Map.of("id", NEW_ORG));
        assertThat(before.errorCode()).isEqualTo("FORBIDDEN");

        stubCreation();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users/" + Ids.ALICE + "/roles"))
                .willReturn(LogtoMock.created()));
        assertThat(graphql(token, operation("createOrganization"), createInput())
                        .errors())
                .isNull();

        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH + "/users/" + Ids.ALICE + "/scopes"))
                .willReturn(LogtoMock.json(Fixtures.defaultTemplateScopes())));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .willReturn(LogtoMock.json(Fixtures.organization(NEW_ORG, "Acme"))));
        Answer after = graphql(token, operation("viewerPermissions"), Map.of("id", NEW_ORG));
        assertThat(after.errors()).isNull();
        assertThat(after.data().at("/organization/viewerPermissions")).hasSize(8);
    }

    @Test
    void updateOrganizationPatchesOnlyTheGivenFields() {
        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(
                        200, Fixtures.load("organization.patch.response.json").toString())));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization");

        Answer answer = graphql(
                token,
                operation("updateOrganization"),
                Map.of(
                        "input",
                        Map.of(
                                "organizationId",
                                Ids.ORG_A,
                                "customData",
                                Map.of("tier", "gold"),
                                "isMfaRequired",
                                true)));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/updateOrganization/userErrors")).isEmpty();
        // The payload is the organization as Logto answered the PATCH (fixture organization.patch.response.json).
        assertThat(answer.data()
                        .at("/updateOrganization/organization/organizationId")
                        .asText())
                .isEqualTo("k3v8q2m9x1ab");
        assertThat(answer.data().at("/updateOrganization/organization/name").asText())
                .isEqualTo("Acme Corporation");
        assertThat(LogtoMock.writes()).containsExactly("PATCH /api/organizations/" + Ids.ORG_A);
        assertThat(LogtoMock.bodyOf("PATCH", "/api/organizations/" + Ids.ORG_A))
                .isEqualTo(
                        Fixtures.JSON.valueToTree(Map.of("customData", Map.of("tier", "gold"), "isMfaRequired", true)));
    }

    @Test
    void updateOrganizationUserErrorsAndDenial() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization");
        Answer empty =
                graphql(token, operation("updateOrganization"), Map.of("input", Map.of("organizationId", Ids.ORG_A)));
        assertThat(empty.data().at("/updateOrganization/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");

        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.error(404, "404.entity.not_exists.json")));
        Answer missing = graphql(
                token,
                operation("updateOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "name", "X")));
        assertThat(missing.data().at("/updateOrganization/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");

        LogtoMock.clearJournal();
        Answer denied = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                operation("updateOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "name", "X")));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();

        Answer otherOrg = graphql(
                token,
                operation("updateOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_B, "name", "X")));
        assertThat(otherOrg.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void deleteOrganizationNeedsTheNameAsConfirmation() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.delete(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.noContent()));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "delete:organization");

        Answer wrong = graphql(
                token,
                operation("deleteOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "confirmName", "acme")));
        assertThat(wrong.data().at("/deleteOrganization/userErrors/0/code").asText())
                .isEqualTo("CONFIRMATION_MISMATCH");
        assertThat(wrong.data().at("/deleteOrganization/deletedOrganizationId").isNull())
                .isTrue();
        assertThat(wrong.data().at("/deleteOrganization/deletedNodeId").isNull())
                .isTrue();
        assertThat(LogtoMock.writes()).isEmpty();

        Answer right = graphql(
                token,
                operation("deleteOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "confirmName", "Acme")));
        assertThat(right.errors()).isNull();
        assertThat(right.data().at("/deleteOrganization/deletedOrganizationId").asText())
                .isEqualTo(Ids.ORG_A);
        assertThat(right.data().at("/deleteOrganization/deletedNodeId").asText())
                .isEqualTo(GlobalIds.encode("Organization", Ids.ORG_A));
        assertThat(LogtoMock.writes()).containsExactly("DELETE /api/organizations/" + Ids.ORG_A);

        LogtoMock.clearJournal();
        Answer denied = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization"),
                operation("deleteOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "confirmName", "Acme")));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();

        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.error(404, "404.entity.not_exists_with_id.json")));
        Answer missing = graphql(
                token,
                operation("deleteOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "confirmName", "Acme")));
        assertThat(missing.data().at("/deleteOrganization/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");
    }

    private static String keyOfTheCreate() {
        return LogtoMock.bodyOf("POST", "/api/organizations")
                .at("/customData/" + CreationKeys.CUSTOM_DATA_KEY)
                .asText();
    }
}
