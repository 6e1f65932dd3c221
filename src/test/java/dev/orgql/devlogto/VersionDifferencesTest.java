package dev.orgql.devlogto;

import static dev.orgql.devlogto.StandInClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stand-in's version switch beyond what the recordings replay (RecordedContractTest): the same rules applied
 * to the sample data, and the edges the recordings do not reach (backslash escapes, the other relation routes).
 */
class VersionDifferencesTest {

    private static LogtoStandIn start(StandInOptions.Flavor flavor) {
        return LogtoStandIn.start(
                StandInOptions.defaults("test-gw", "test-secret").withFlavor(flavor));
    }

    private static StandInClient api(LogtoStandIn logto) {
        return new StandInClient(logto.baseUrl()).login("test-gw", "test-secret");
    }

    @Test
    void theDefaultIsTheNewestRelease() {
        assertEquals(
                StandInOptions.Flavor.V1_42, StandInOptions.defaults("a", "b").flavor());
        assertEquals(StandInOptions.Flavor.V1_37, StandInOptions.Flavor.ofVersion("1.37.1"));
        assertEquals(StandInOptions.Flavor.V1_42, StandInOptions.Flavor.ofVersion("v1.42.0"));
        assertThrows(IllegalArgumentException.class, () -> StandInOptions.Flavor.ofVersion("1.40.0"));
    }

    @ParameterizedTest
    @EnumSource(
            value = StandInOptions.Flavor.class,
            names = {"V1_37", "V1_42"})
    void organizationRoleIdIsIgnoredOnlyOn137(StandInOptions.Flavor flavor) {
        try (LogtoStandIn logto = start(flavor)) {
            StandInClient api = api(logto);
            String org = SampleData.ACME_ORG_ID;
            String admin = logto.data().roleByName("admin").orElseThrow().id();
            long admins = logto.data().memberIds(org).stream()
                    .filter(u -> logto.data().userRoles(org, u).stream().anyMatch(r -> r.id().equals(admin)))
                    .count();
            int members = logto.data().memberIds(org).size();
            HttpResponse<String> byRole =
                    api.get("/api/organizations/" + org + "/users?page_size=100&organizationRoleId=" + admin);
            HttpResponse<String> garbage =
                    api.get("/api/organizations/" + org + "/users?page_size=100&organizationRoleId=nope");
            boolean filters = flavor == StandInOptions.Flavor.V1_42;
            assertEquals(
                    String.valueOf(filters ? admins : members),
                    byRole.headers().firstValue("Total-Number").orElseThrow());
            assertEquals(filters ? admins : members, json(byRole).size());
            assertEquals(
                    String.valueOf(filters ? 0 : members),
                    garbage.headers().firstValue("Total-Number").orElseThrow());
        }
    }

    @Test
    void searchTextIsAnIlikePatternWithBackslashEscapes() {
        try (LogtoStandIn logto = start(StandInOptions.Flavor.NEWEST)) {
            StandInClient api = api(logto);
            StandInData data = logto.data();
            var org = data.createOrganization("Escapes", null, null);
            var plain = data.createUser("user001", "plain@example.com", "Plain");
            var underscore = data.createUser("user_01", "underscore@example.com", "Under Score");
            var percent = data.createUser("ten", "ten@example.com", "100% sure");
            var backslash = data.createUser("back", "back@example.com", "a\\b");
            data.addMembers(org.id(), List.of(plain.id(), underscore.id(), percent.id(), backslash.id()));
            String base = "/api/organizations/" + org.id() + "/users?page_size=100&q=";

            assertEquals(4, json(api.get(base + "%25")).size(), "% alone matches everyone");
            assertEquals(
                    List.of(plain.username(), underscore.username()).stream()
                            .sorted()
                            .toList(),
                    usernames(api.get(base + "user_01")),
                    "_ matches any one character");
            assertEquals(List.of(underscore.username()), usernames(api.get(base + "user%5C_01")), "\\_ is a literal _");
            assertEquals(List.of(percent.username()), usernames(api.get(base + "100%5C%25")), "\\% is a literal %");
            assertEquals(List.of(backslash.username()), usernames(api.get(base + "a%5C%5Cb")), "\\\\ is one backslash");
            assertEquals(List.of(plain.username()), usernames(api.get(base + "PLAIN")), "case-insensitive");
            // A trailing backslash escapes the closing '%': "ends with 100%" (the name "100% sure" does not).
            assertEquals(0, json(api.get(base + "100%25%5C")).size());
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = StandInOptions.Flavor.class,
            names = {"V1_37", "V1_42"})
    void aNulByteIsAnInternalServerErrorOnBoth(StandInOptions.Flavor flavor) {
        try (LogtoStandIn logto = start(flavor)) {
            StandInClient api = api(logto);
            for (HttpResponse<String> r : List.of(
                    api.get("/api/organizations/a%00b"),
                    api.get("/api/organizations/" + SampleData.ACME_ORG_ID + "/users?q=a%00b"),
                    api.send("POST", "/api/organizations", "{\"name\":\"a\\u0000b\"}"))) {
                assertEquals(500, r.statusCode(), r.body());
                assertEquals("{\"message\":\"Internal server error.\"}", r.body());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = StandInOptions.Flavor.class,
            names = {"V1_37", "V1_42"})
    void roleCreationWithAnUnknownScopeLeavesTheRoleOnlyOn137(StandInOptions.Flavor flavor) {
        try (LogtoStandIn logto = start(flavor)) {
            StandInClient api = api(logto);
            String read = logto.data().scopes().get(0).id();
            HttpResponse<String> r = api.send(
                    "POST",
                    "/api/organization-roles",
                    Map.of("name", "half", "organizationScopeIds", List.of(read), "resourceScopeIds", List.of("nope")));
            assertEquals(422, r.statusCode());
            assertEquals(
                    "entity.relation_foreign_key_not_found", json(r).get("code").asText());
            var left = logto.data().roleByName("half");
            if (flavor == StandInOptions.Flavor.V1_37) {
                // Inserted one after the other: the role and its organization scopes stay, the resource scopes fail.
                assertEquals(
                        List.of(read),
                        logto.data().roleScopes(left.orElseThrow().id()).stream()
                                .map(OrganizationScope::id)
                                .toList());
            } else {
                assertTrue(left.isEmpty(), "1.42.0 creates the role and its scopes in one transaction");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = StandInOptions.Flavor.class,
            names = {"V1_37", "V1_42"})
    void replacingScopesOfAnUnknownRole(StandInOptions.Flavor flavor) {
        try (LogtoStandIn logto = start(flavor)) {
            StandInClient api = api(logto);
            String read = logto.data().scopes().get(0).id();
            assertEquals(
                    204,
                    api.send("PUT", "/api/organization-roles/nope/scopes", Map.of("organizationScopeIds", List.of()))
                            .statusCode());
            assertEquals(
                    204,
                    api.send("PUT", "/api/organization-roles/nope/resource-scopes", Map.of("scopeIds", List.of()))
                            .statusCode());
            assertEquals(
                    422,
                    api.send(
                                    "PUT",
                                    "/api/organization-roles/nope/scopes",
                                    Map.of("organizationScopeIds", List.of(read)))
                            .statusCode());
            assertEquals(
                    422,
                    api.send(
                                    "POST",
                                    "/api/organization-roles/nope/scopes",
                                    Map.of("organizationScopeIds", List.of(read)))
                            .statusCode());
        }
    }

    @Test
    void statusAndOpenApiAreAnonymousAndNameNoVersion() throws Exception {
        try (LogtoStandIn logto = start(StandInOptions.Flavor.NEWEST)) {
            StandInClient anonymous = new StandInClient(logto.baseUrl());
            HttpResponse<String> status = anonymous.get("/api/status");
            assertEquals(204, status.statusCode());
            assertEquals("", status.body());
            for (String path : List.of("/api/swagger.json", "/api/.well-known/management.openapi.json")) {
                JsonNode doc = json(anonymous.get(path));
                assertEquals("Cloud", doc.at("/info/version").asText(), path);
            }
            assertEquals(401, anonymous.get("/api/organizations").statusCode(), "the rest still needs a token");
        }
    }

    @Test
    void persistentConnectionsAreAnnouncedAsNodeDoes() throws Exception {
        try (LogtoStandIn logto = start(StandInOptions.Flavor.NEWEST)) {
            HttpResponse<String> r = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(logto.baseUrl() + "/api/status"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals("keep-alive", r.headers().firstValue("connection").orElse(null));
            assertEquals("timeout=5", r.headers().firstValue("keep-alive").orElse(null));
            // Node closes idle connections 6 s after the last response; the JDK server is told so JVM-wide.
            assertEquals("6", System.getProperty("sun.net.httpserver.idleInterval"));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = StandInOptions.Flavor.class,
            names = {"V1_37", "V1_42"})
    void invitationDuplicatesAreCaseSensitiveOnBoth(StandInOptions.Flavor flavor) {
        try (LogtoStandIn logto = start(flavor)) {
            StandInClient api = api(logto);
            Map<String, Object> invite = Map.of(
                    "organizationId",
                    SampleData.GLOBEX_ORG_ID,
                    "invitee",
                    "dup@example.com",
                    "expiresAt",
                    System.currentTimeMillis() + 86_400_000L);
            assertEquals(
                    201,
                    api.send("POST", "/api/organization-invitations", invite).statusCode());
            Map<String, Object> upper = new java.util.HashMap<>(invite);
            upper.put("invitee", "DUP@example.com");
            HttpResponse<String> second = api.send("POST", "/api/organization-invitations", upper);
            assertEquals(201, second.statusCode());
            assertEquals("DUP@example.com", json(second).get("invitee").asText(), "stored as sent");
            HttpResponse<String> exact = api.send("POST", "/api/organization-invitations", invite);
            assertEquals(422, exact.statusCode());
            assertEquals(
                    "entity.unique_integrity_violation", json(exact).get("code").asText());
        }
    }

    private static List<String> usernames(HttpResponse<String> r) {
        List<String> out = new java.util.ArrayList<>();
        json(r).forEach(u -> out.add(u.get("username").asText()));
        return out.stream().sorted().toList();
    }
}
