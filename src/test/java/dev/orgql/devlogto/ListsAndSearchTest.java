package dev.orgql.devlogto;

import static dev.orgql.devlogto.StandInClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pagination modes (§1.5) and the advanced search grammar (§1.7) on the sample data. */
class ListsAndSearchTest {
    static LogtoStandIn logto;
    static StandInClient api;

    @BeforeAll
    static void start() {
        logto = LogtoStandIn.start(StandInOptions.defaults("test-gw", "test-secret"));
        api = new StandInClient(logto.baseUrl()).login("test-gw", "test-secret");
    }

    @AfterAll
    static void stop() {
        logto.close();
    }

    @Test
    void mandatoryPaginationDefaultsTo20AndSetsHeaders() {
        HttpResponse<String> r = api.get("/api/organizations/" + SampleData.ACME_ORG_ID + "/users");
        assertEquals(200, r.statusCode());
        assertEquals(20, json(r).size());
        assertEquals("55", r.headers().firstValue("Total-Number").orElseThrow());
        String link = r.headers().firstValue("Link").orElseThrow();
        assertTrue(link.contains("page=1>; rel=\"first\""), link);
        assertTrue(link.contains("page=2>; rel=\"next\""), link);
        assertTrue(link.contains("page=3>; rel=\"last\""), link);

        JsonNode page3 = json(api.get("/api/organizations/" + SampleData.ACME_ORG_ID + "/users?page=3"));
        assertEquals(15, page3.size());
        List<String> ids = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            json(api.get("/api/organizations/" + SampleData.ACME_ORG_ID + "/users?page=" + p))
                    .forEach(u -> ids.add(u.get("id").asText()));
        }
        assertEquals(ids.stream().sorted().toList(), ids, "members ordered by user id");
        assertEquals(55, ids.stream().distinct().count());
        JsonNode all = json(api.get("/api/organizations/" + SampleData.ACME_ORG_ID + "/users?page_size=100"));
        assertEquals(55, all.size());
    }

    @Test
    void membersCarryRolesAndFilterByRole() {
        String adminRole = logto.data().roleByName("admin").orElseThrow().id();
        JsonNode admins = json(api.get("/api/organizations/" + SampleData.ACME_ORG_ID
                + "/users?page_size=100&organizationRoleId=" + adminRole));
        assertTrue(admins.size() >= 2);
        admins.forEach(u -> assertEquals(
                "admin", u.get("organizationRoles").get(0).get("name").asText()));
        JsonNode ada = json(api.get("/api/organizations/" + SampleData.ACME_ORG_ID + "/users?q=ADA%40example"));
        assertEquals(1, ada.size());
        assertEquals(SampleData.ADMIN_USER_ID, ada.get(0).get("id").asText());
    }

    @Test
    void badPaginationValues() {
        for (String q : List.of("page_size=101", "page=0", "page=abc", "page_size=-1")) {
            HttpResponse<String> r = api.get("/api/organizations?" + q);
            assertEquals(400, r.statusCode(), q);
            assertEquals("guard.invalid_pagination", json(r).get("code").asText());
            assertEquals(
                    "The request pagination value is invalid.",
                    json(r).get("message").asText());
        }
    }

    @Test
    void optionalPaginationReturnsEverythingWithoutParameters() {
        HttpResponse<String> all = api.get("/api/organization-scopes");
        assertEquals(8, json(all).size());
        assertTrue(all.headers().firstValue("Total-Number").isEmpty());
        assertEquals("delete:data", json(all).get(0).get("name").asText(), "ordered by name");
        HttpResponse<String> paged = api.get("/api/organization-scopes?page_size=3");
        assertEquals(3, json(paged).size());
        assertEquals("8", paged.headers().firstValue("Total-Number").orElseThrow());
        HttpResponse<String> invitations = api.get("/api/organization-invitations");
        assertTrue(invitations.headers().firstValue("Total-Number").isEmpty(), "invitations never paginate");
    }

    @Test
    void roleListEmbedsScopesButGetDoesNot() {
        JsonNode roles = json(api.get("/api/organization-roles"));
        assertEquals(List.of("admin", "bot", "member"), names(roles));
        assertEquals(8, roles.get(0).get("scopes").size());
        assertTrue(roles.get(0).has("resourceScopes"));
        JsonNode one =
                json(api.get("/api/organization-roles/" + roles.get(0).get("id").asText()));
        assertTrue(!one.has("scopes"));
    }

    @Test
    void batchedIdSearch() {
        List<String> ids = logto.data().users().stream().limit(30).map(User::id).toList();
        StringBuilder q = new StringBuilder("/api/users?");
        ids.forEach(id -> q.append("search.id=").append(id).append('&'));
        q.append("search.id=unknownid000&mode.id=exact&isCaseSensitive=true&page_size=100");
        HttpResponse<String> r = api.get(q.toString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(30, json(r).size());
        assertEquals("30", r.headers().firstValue("Total-Number").orElseThrow());
        assertTrue(json(r).get(0).has("hasPassword"));
        // newest first
        assertTrue(json(r).get(0).get("createdAt").asLong()
                >= json(r).get(29).get("createdAt").asLong());
        // case-sensitive exact: upper-cased ids do not match
        assertEquals(
                0,
                json(api.get("/api/users?search.id=" + ids.get(0).toUpperCase()
                                + "&mode.id=exact&isCaseSensitive=true"))
                        .size());
        assertEquals(
                1,
                json(api.get("/api/users?search.id=" + ids.get(0).toUpperCase() + "&mode.id=exact"))
                        .size());
    }

    @Test
    void emailAndLikeSearch() {
        assertEquals(
                SampleData.ADMIN_USER_ID,
                json(api.get("/api/users?search.primaryEmail=ada%40example.com&mode.primaryEmail=exact"))
                        .get(0)
                        .get("id")
                        .asText());
        assertEquals(0, json(api.get("/api/users?search.primaryEmail=ada")).size(), "like does not add % itself");
        assertEquals(1, json(api.get("/api/users?search.primaryEmail=ada%25")).size());
        assertTrue(json(api.get("/api/users?search=%25Admin%25")).size() >= 1);
    }

    @Test
    void searchErrors() {
        HttpResponse<String> two = api.get("/api/users?search.id=a&search.id=b");
        assertEquals(400, two.statusCode());
        assertEquals("request.invalid_input", json(two).get("code").asText());
        assertEquals(
                "Input is invalid. Only one search value is allowed when search mode is not `exact`.",
                json(two).get("message").asText());
        assertTrue(json(two).get("data").isObject());
        assertEquals(400, api.get("/api/users?search.password=x").statusCode());
        assertEquals(400, api.get("/api/users?search.id=").statusCode());
        assertEquals(400, api.get("/api/users?search.id=a&mode.id=fuzzy").statusCode());
    }

    @Test
    void applicationsByTypeAndIds() {
        JsonNode m2m = json(api.get("/api/applications?types=MachineToMachine"));
        assertTrue(m2m.size() >= 4);
        m2m.forEach(a -> assertEquals("MachineToMachine", a.get("type").asText()));
        JsonNode bots = json(api.get("/api/applications?search.id=" + SampleData.DEPLOY_BOT_ID + "&search.id="
                + SampleData.BILLING_BOT_ID + "&mode.id=exact"));
        assertEquals(2, bots.size());
        JsonNode inOrg = json(api.get("/api/organizations/" + SampleData.ACME_ORG_ID + "/applications"));
        assertEquals(2, inOrg.size());
        assertEquals(
                "bot", inOrg.get(0).get("organizationRoles").get(0).get("name").asText());
    }

    @Test
    void userOrganizationsCarryRoles() {
        JsonNode orgs = json(api.get("/api/users/" + SampleData.ADMIN_USER_ID + "/organizations"));
        assertEquals(4, orgs.size());
        orgs.forEach(o -> assertEquals(
                "admin", o.get("organizationRoles").get(0).get("name").asText()));
        assertEquals(
                0,
                json(api.get("/api/users/" + SampleData.LONER_USER_ID + "/organizations"))
                        .size());
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    /** The texts of a JSON string array. */
    static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
