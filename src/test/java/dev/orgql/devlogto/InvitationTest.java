package dev.orgql.devlogto;

import static dev.orgql.devlogto.ErrorsAndRolesTest.assertError;
import static dev.orgql.devlogto.StandInClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invitation creation rules, the status machine and the fake email connector (§4). */
class InvitationTest {
    static LogtoStandIn logto;
    static StandInClient api;
    static String memberRole;

    @BeforeAll
    static void start() {
        logto = LogtoStandIn.start(StandInOptions.defaults("test-gw", "test-secret"));
        api = new StandInClient(logto.baseUrl()).login("test-gw", "test-secret");
        memberRole = logto.data().roleByName("member").orElseThrow().id();
    }

    @AfterAll
    static void stop() {
        logto.close();
    }

    static Map<String, Object> invitation(String org, String invitee, Object messagePayload) {
        Map<String, Object> body = new HashMap<>();
        body.put("organizationId", org);
        body.put("inviterId", SampleData.ADMIN_USER_ID);
        body.put("invitee", invitee);
        body.put("expiresAt", System.currentTimeMillis() + 86_400_000L);
        body.put("organizationRoleIds", List.of(memberRole));
        if (messagePayload != null) body.put("messagePayload", messagePayload);
        return body;
    }

    @Test
    void creationValidations() {
        String org = SampleData.INITECH_ORG_ID;
        Map<String, Object> past = invitation(org, "past@example.com", false);
        past.put("expiresAt", System.currentTimeMillis() - 1000);
        HttpResponse<String> r = api.send("POST", "/api/organization-invitations", past);
        assertError(r, 400, "request.invalid_input");
        assertEquals(
                "Input is invalid. The value of `expiresAt` must be in the future.",
                json(r).get("message").asText());
        assertError(
                api.send("POST", "/api/organization-invitations", invitation(org, "not-an-email", false)),
                400,
                "guard.invalid_input");
        assertError(
                api.send("POST", "/api/organization-invitations", invitation(org, "x@example.com", true)),
                400,
                "guard.invalid_input");
        HttpResponse<String> member =
                api.send("POST", "/api/organization-invitations", invitation(org, SampleData.ADMIN_EMAIL, false));
        assertError(member, 422, "request.invalid_input");
        assertEquals(
                "Input is invalid. The invitee is already a member of the organization.",
                json(member).get("message").asText());
        assertError(
                api.send("POST", "/api/organization-invitations", invitation("nope", "y@example.com", false)),
                422,
                "entity.relation_foreign_key_not_found");

        HttpResponse<String> first =
                api.send("POST", "/api/organization-invitations", invitation(org, "dup@example.com", false));
        assertEquals(201, first.statusCode());
        assertEquals("Pending", json(first).get("status").asText());
        assertEquals(
                "member",
                json(first).get("organizationRoles").get(0).get("name").asText());
        assertError(
                api.send("POST", "/api/organization-invitations", invitation(org, "dup@example.com", false)),
                422,
                "entity.unique_integrity_violation");
        assertTrue(
                logto.sentMessages().stream().noneMatch(m -> m.recipient().equals("dup@example.com")),
                "messagePayload false sends nothing");
    }

    @Test
    void listFiltersAndComputedExpiry() {
        JsonNode all = json(api.get("/api/organization-invitations?organizationId=" + SampleData.ACME_ORG_ID));
        long previous = Long.MAX_VALUE;
        boolean sawExpired = false;
        for (JsonNode i : all) {
            assertTrue(i.get("createdAt").asLong() <= previous, "createdAt desc");
            previous = i.get("createdAt").asLong();
            sawExpired |= i.get("status").asText().equals("Expired");
        }
        assertTrue(sawExpired, "sample data has an expired invitation");
        JsonNode grace =
                json(api.get("/api/organization-invitations?invitee=" + StandInClient.enc("Grace.Hopper@EXAMPLE.com")));
        assertEquals(1, grace.size(), "invitee matches case-insensitively");
        JsonNode byInviter = json(api.get("/api/organization-invitations?inviterId=" + SampleData.MEMBER_USER_ID));
        byInviter.forEach(
                i -> assertEquals(SampleData.MEMBER_USER_ID, i.get("inviterId").asText()));

        String expiredId = all.findParents("status").stream()
                .filter(i -> i.get("status").asText().equals("Expired"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asText();
        HttpResponse<String> r =
                api.send("PUT", "/api/organization-invitations/" + expiredId + "/status", Map.of("status", "Revoked"));
        assertError(r, 422, "request.invalid_input");
        assertEquals(
                "Input is invalid. The status of the invitation cannot be changed anymore.",
                json(r).get("message").asText());
    }

    @Test
    void statusMachine() {
        String id = logto.data().invitations().stream()
                .filter(i -> i.invitee().equals(SampleData.LONER_EMAIL))
                .findFirst()
                .orElseThrow()
                .id();
        String path = "/api/organization-invitations/" + id + "/status";
        assertError(api.send("PUT", path, Map.of("status", "Expired")), 400, "guard.invalid_input");
        assertError(api.send("PUT", path, Map.of("status", "Accepted")), 422, "request.invalid_input");
        assertError(
                api.send("PUT", path, Map.of("status", "Accepted", "acceptedUserId", "nope00000000")),
                404,
                "entity.not_found");
        HttpResponse<String> mismatch =
                api.send("PUT", path, Map.of("status", "Accepted", "acceptedUserId", SampleData.MEMBER_USER_ID));
        assertError(mismatch, 422, "request.invalid_input");
        assertEquals(
                "Input is invalid. The accepted user must have the same email as the invitee.",
                json(mismatch).get("message").asText());

        HttpResponse<String> ok =
                api.send("PUT", path, Map.of("status", "Accepted", "acceptedUserId", SampleData.LONER_USER_ID));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("Accepted", json(ok).get("status").asText());
        assertEquals(SampleData.LONER_USER_ID, json(ok).get("acceptedUserId").asText());
        assertTrue(logto.data().isMember(SampleData.GLOBEX_ORG_ID, SampleData.LONER_USER_ID));
        assertEquals(
                "member",
                logto.data()
                        .userRoles(SampleData.GLOBEX_ORG_ID, SampleData.LONER_USER_ID)
                        .get(0)
                        .name());
        assertError(api.send("PUT", path, Map.of("status", "Revoked")), 422, "request.invalid_input");

        assertError(
                api.send("PUT", "/api/organization-invitations/nope/status", Map.of("status", "Revoked")),
                404,
                "entity.not_found");
        assertEquals(
                204,
                api.send("DELETE", "/api/organization-invitations/" + id, null).statusCode());
        assertError(api.send("DELETE", "/api/organization-invitations/" + id, null), 404, "entity.not_found");
    }

    @Test
    void emailsAreRecordedAndRateLimited() {
        String invitee = "limit@example.com";
        HttpResponse<String> created = api.send(
                "POST",
                "/api/organization-invitations",
                invitation(SampleData.HOOLI_ORG_ID, invitee, Map.of("link", "https://app.example/accept?x=1")));
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).get("id").asText();
        SentMessage sent = logto.sentMessages().stream()
                .filter(m -> m.recipient().equals(invitee))
                .findFirst()
                .orElseThrow();
        assertEquals(id, sent.invitationId());
        assertEquals("https://app.example/accept?x=1", sent.link());
        for (int i = 2; i <= 10; i++) {
            assertEquals(
                    204,
                    api.send("POST", "/api/organization-invitations/" + id + "/message", Map.of("link", "l" + i))
                            .statusCode());
        }
        assertError(
                api.send("POST", "/api/organization-invitations/" + id + "/message", Map.of("link", "l11")),
                429,
                "request.message_rate_limited");
        assertError(api.send("POST", "/api/organization-invitations/nope/message", Map.of()), 404, "entity.not_found");
    }

    @Test
    void missingConnector() {
        try (LogtoStandIn noMail =
                LogtoStandIn.start(StandInOptions.defaults("gw", "s").withEmailConnector(false))) {
            StandInClient client = new StandInClient(noMail.baseUrl()).login("gw", "s");
            String role = noMail.data().roleByName("member").orElseThrow().id();
            Map<String, Object> body = invitation(SampleData.HOOLI_ORG_ID, "mail@example.com", Map.of("link", "x"));
            body.put("organizationRoleIds", List.of(role));
            assertError(client.send("POST", "/api/organization-invitations", body), 501, "connector.not_found");
            assertTrue(
                    noMail.data().invitations().stream()
                            .noneMatch(i -> i.invitee().equals("mail@example.com")),
                    "rolled back");
        }
    }
}
