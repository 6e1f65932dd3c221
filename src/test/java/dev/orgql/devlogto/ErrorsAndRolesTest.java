package dev.orgql.devlogto;

import static dev.orgql.devlogto.StandInClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Error bodies and status codes (§1.8), role-type and membership rules (§2.2, §2.3). */
class ErrorsAndRolesTest {
    static LogtoStandIn logto;
    static StandInClient api;
    static String adminRole;
    static String memberRole;
    static String botRole;

    @BeforeAll
    static void start() {
        logto = LogtoStandIn.start(StandInOptions.defaults("test-gw", "test-secret"));
        api = new StandInClient(logto.baseUrl()).login("test-gw", "test-secret");
        adminRole = logto.data().roleByName("admin").orElseThrow().id();
        memberRole = logto.data().roleByName("member").orElseThrow().id();
        botRole = logto.data().roleByName("bot").orElseThrow().id();
    }

    @AfterAll
    static void stop() {
        logto.close();
    }

    static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(
                "application/json; charset=utf-8",
                r.headers().firstValue("content-type").orElse(null));
        assertEquals(code, json(r).get("code").asText(), r.body());
        assertTrue(json(r).get("message").isTextual());
    }

    @Test
    void notFoundFlavours() {
        HttpResponse<String> route = api.get("/api/no-such-thing");
        assertEquals(404, route.statusCode());
        assertEquals(
                "text/plain; charset=utf-8",
                route.headers().firstValue("content-type").orElse(null));
        assertEquals("Not Found", route.body());
        assertError(api.get("/api/organizations/nope"), 404, "entity.not_exists_with_id");
        assertEquals(
                "The organizations with ID `nope` does not exist.",
                json(api.get("/api/organizations/nope")).get("message").asText());
        assertError(api.get("/api/organization-roles/nope"), 404, "entity.not_found");
        assertError(api.get("/api/organization-scopes/nope"), 404, "entity.not_exists_with_id");
        assertError(api.get("/api/organization-invitations/nope"), 404, "entity.not_found");
        assertError(api.get("/api/users/nope"), 404, "entity.not_found");
        assertError(api.get("/api/applications/nope"), 404, "entity.not_exists_with_id");
        assertError(api.send("PATCH", "/api/organizations/nope", Map.of("name", "x")), 404, "entity.not_exists");
        assertError(api.send("DELETE", "/api/organizations/nope", null), 404, "entity.not_found");
        assertError(
                api.send(
                        "DELETE",
                        "/api/organizations/" + SampleData.HOOLI_ORG_ID + "/users/" + SampleData.LONER_USER_ID,
                        null),
                404,
                "entity.not_found");
    }

    @Test
    void authErrors() {
        StandInClient anonymous = new StandInClient(logto.baseUrl());
        assertError(anonymous.get("/api/organizations"), 401, "auth.authorization_header_missing");
        HttpResponse<String> bad = anonymous.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(logto.baseUrl() + "/api/organizations"))
                        .header("Authorization", "Bearer not-a-jwt")
                        .build());
        assertError(bad, 401, "auth.unauthorized");
        // A user token for another audience is not a Management API token.
        String userToken = logto.tokens().userToken(SampleData.ADMIN_USER_ID, "https://api.orgql.dev", List.of("all"));
        HttpResponse<String> wrongAud = anonymous.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(logto.baseUrl() + "/api/organizations"))
                        .header("Authorization", "Bearer " + userToken)
                        .build());
        assertError(wrongAud, 401, "auth.unauthorized");
        // A machine-to-machine app without the Management API role gets a token without `all`.
        StandInClient reports =
                new StandInClient(logto.baseUrl()).login(SampleData.REPORTS_BOT_ID, SampleData.REPORTS_BOT_SECRET);
        assertError(reports.get("/api/organizations"), 403, "auth.forbidden");
    }

    @Test
    void bodyAndUniquenessErrors() {
        assertError(api.send("POST", "/api/organizations", Map.of()), 400, "guard.invalid_input");
        assertTrue(json(api.send("POST", "/api/organizations", Map.of()))
                .get("data")
                .get("issues")
                .isArray());
        HttpResponse<String> badJson = api.send("POST", "/api/organizations", "{oops");
        assertEquals(400, badJson.statusCode());
        assertTrue(json(badJson).has("message") && !json(badJson).has("code"));
        assertError(
                api.send("POST", "/api/organization-scopes", Map.of("name", "read:data")),
                422,
                "entity.unique_integrity_violation");
        assertError(
                api.send("POST", "/api/organization-roles", Map.of("name", "member")),
                422,
                "entity.unique_integrity_violation");
        assertError(
                api.send(
                        "POST",
                        "/api/organization-roles",
                        Map.of("name", "r-" + System.nanoTime(), "organizationScopeIds", List.of("nope"))),
                422,
                "entity.relation_foreign_key_not_found");
        assertError(
                api.send(
                        "POST",
                        "/api/organizations/" + SampleData.HOOLI_ORG_ID + "/users",
                        Map.of("userIds", List.of("nope"))),
                422,
                "entity.relation_foreign_key_not_found");
        assertError(
                api.send(
                        "POST",
                        "/api/organizations/" + SampleData.HOOLI_ORG_ID + "/users",
                        Map.of("userIds", List.of())),
                400,
                "guard.invalid_input");
    }

    @Test
    void roleTypesAndMembership() {
        String org = SampleData.GLOBEX_ORG_ID;
        String user = SampleData.MEMBER_USER_ID;
        assertError(
                api.send(
                        "POST",
                        "/api/organizations/" + org + "/users/" + user + "/roles",
                        Map.of("organizationRoleIds", List.of(botRole))),
                422,
                "entity.db_constraint_violated");
        assertError(
                api.send(
                        "POST",
                        "/api/organizations/" + org + "/users/roles",
                        Map.of("userIds", List.of(user), "organizationRoleIds", List.of(botRole))),
                422,
                "entity.db_constraint_violated");
        assertError(
                api.send(
                        "POST",
                        "/api/organizations/" + org + "/applications/" + SampleData.BILLING_BOT_ID + "/roles",
                        Map.of("organizationRoleIds", List.of(memberRole))),
                422,
                "entity.db_constraint_violated");
        assertError(
                api.send(
                        "POST",
                        "/api/organizations/" + org + "/applications",
                        Map.of("applicationIds", List.of(StandInOptions.DEV_SPA_APP_ID))),
                422,
                "entity.db_constraint_violated");
        assertError(
                api.get("/api/organizations/" + org + "/users/" + SampleData.LONER_USER_ID + "/roles"),
                422,
                "organization.require_membership");
        assertError(
                api.send(
                        "POST",
                        "/api/organizations/" + org + "/users/" + SampleData.LONER_USER_ID + "/roles",
                        Map.of("organizationRoleIds", List.of(memberRole))),
                422,
                "organization.require_membership");
        assertError(
                api.get("/api/organizations/" + org + "/applications/" + SampleData.REPORTS_BOT_ID + "/roles"),
                422,
                "organization.require_membership");
        HttpResponse<String> names = api.send(
                "POST",
                "/api/organizations/" + org + "/users/" + user + "/roles",
                Map.of("organizationRoleNames", List.of("owner", "viewer")));
        assertError(names, 422, "organization.role_names_not_found");
        assertEquals(
                "Invalid role names detected: owner and viewer. Please create these roles first before proceeding.",
                json(names).get("message").asText());

        HttpResponse<String> scopes =
                api.get("/api/organizations/" + org + "/users/" + SampleData.LONER_USER_ID + "/scopes");
        assertEquals(200, scopes.statusCode());
        assertEquals(0, json(scopes).size(), "non-members have no scopes, and no error");
    }

    @Test
    void assignReplaceAndRemoveUserRoles() {
        String org = SampleData.INITECH_ORG_ID;
        String user = logto.data().memberIds(org).stream()
                .filter(id -> !id.equals(SampleData.ADMIN_USER_ID))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> add = api.send(
                "POST",
                "/api/organizations/" + org + "/users/" + user + "/roles",
                Map.of("organizationRoleNames", List.of("admin")));
        assertEquals(201, add.statusCode());
        // The default flavor is 1.42.0, which answers JSON; v1.37.1's text "Created" is replayed in
        // RecordedContractTest.
        assertEquals(List.of(adminRole), ListsAndSearchTest.ids(json(add).get("organizationRoleIds")));
        assertEquals(
                List.of("admin", "member"),
                ListsAndSearchTest.names(json(api.get("/api/organizations/" + org + "/users/" + user + "/roles"))));
        JsonNode scopes = json(api.get("/api/organizations/" + org + "/users/" + user + "/scopes"));
        assertEquals(8, scopes.size());
        assertEquals(
                204,
                api.send(
                                "PUT",
                                "/api/organizations/" + org + "/users/" + user + "/roles",
                                Map.of("organizationRoleIds", List.of()))
                        .statusCode());
        assertEquals(
                0,
                json(api.get("/api/organizations/" + org + "/users/" + user + "/roles"))
                        .size());
        assertError(
                api.send("DELETE", "/api/organizations/" + org + "/users/" + user + "/roles/" + memberRole, null),
                404,
                "entity.not_found");
        assertEquals(
                201,
                api.send(
                                "POST",
                                "/api/organizations/" + org + "/users/roles",
                                Map.of("userIds", List.of(user), "organizationRoleIds", List.of(memberRole)))
                        .statusCode());
        assertEquals(
                204,
                api.send("DELETE", "/api/organizations/" + org + "/users/" + user + "/roles/" + memberRole, null)
                        .statusCode());
    }

    @Test
    void organizationCrudWithCascade() {
        HttpResponse<String> created =
                api.send("POST", "/api/organizations", Map.of("name", "Temp", "customData", Map.of("a", 1, "b", 2)));
        assertEquals(201, created.statusCode());
        String id = json(created).get("id").asText();
        assertEquals(12, id.length());
        JsonNode patched = json(api.send("PATCH", "/api/organizations/" + id, Map.of("customData", Map.of("c", 3))));
        assertEquals("{\"c\":3}", patched.get("customData").toString(), "customData is replaced, not merged");
        api.send("POST", "/api/organizations/" + id + "/users", Map.of("userIds", List.of(SampleData.LONER_USER_ID)));
        api.send(
                "POST",
                "/api/organizations/" + id + "/users/" + SampleData.LONER_USER_ID + "/roles",
                Map.of("organizationRoleIds", List.of(memberRole)));
        api.send(
                "POST",
                "/api/organizations/" + id + "/applications",
                Map.of("applicationIds", List.of(SampleData.REPORTS_BOT_ID)));
        assertEquals(204, api.send("DELETE", "/api/organizations/" + id, null).statusCode());
        assertTrue(logto.data().userOrganizationIds(SampleData.LONER_USER_ID).isEmpty());
        assertTrue(logto.data().userRoles(id, SampleData.LONER_USER_ID).isEmpty());
        assertTrue(logto.data().appOrganizationIds(SampleData.REPORTS_BOT_ID).isEmpty());
    }

    @Test
    void templateRoleScopesAndCascade() {
        JsonNode scope = json(api.send("POST", "/api/organization-scopes", Map.of("name", "tmp:scope")));
        String scopeId = scope.get("id").asText();
        assertEquals(21, scopeId.length());
        JsonNode role = json(api.send(
                "POST",
                "/api/organization-roles",
                Map.of("name", "tmp-role", "organizationScopeIds", List.of(scopeId))));
        String roleId = role.get("id").asText();
        assertEquals("User", role.get("type").asText());
        assertEquals(
                1,
                json(api.get("/api/organization-roles/" + roleId + "/scopes")).size());
        assertEquals(
                204,
                api.send("DELETE", "/api/organization-scopes/" + scopeId, null).statusCode());
        assertEquals(
                0,
                json(api.get("/api/organization-roles/" + roleId + "/scopes")).size());
        assertEquals(
                204,
                api.send("DELETE", "/api/organization-roles/" + roleId, null).statusCode());
        assertError(api.get("/api/organization-roles/" + roleId + "/scopes"), 404, "entity.not_found");
    }
}
