package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.auth.LiveScopeCache;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reads that decide a mutation go to Logto every time, with every read cache on: the live-scope
 * check of a mutation under policy {@code live} (it does not even join a lookup in flight for a query),
 * the last-admin guard, and the name check of deleteOrganization.
 */
@MicronautTest
class FreshReadsTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORG = "/api/organizations/" + Ids.ORG_A;
    private static final String SCOPES = ORG + "/users/" + Ids.ALICE + "/scopes";

    @Inject
    TemplateCache template;

    @Inject
    LiveScopeCache liveScopes;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.scope-policy", "live",
                "orgql.read-cache.members.ttl", "30s",
                "orgql.read-cache.bots.ttl", "30s",
                "orgql.read-cache.invitations.ttl", "30s");
    }

    @BeforeEach
    void stubs() {
        template.invalidate();
        liveScopes.invalidateAll();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(ORG)).willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
    }

    @Test
    void aMutationsLiveCheckDoesNotJoinTheLookupInFlightForAQuery() throws Exception {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SCOPES))
                .willReturn(LogtoMock.json(scopes(Ids.ALL_SCOPES)).withFixedDelay(2_000)));
        LogtoMock.stub(WireMock.patch(urlPathEqualTo(ORG))
                .willReturn(LogtoMock.json(
                        ((ObjectNode) Fixtures.load("organization.patch.response.json")).put("id", Ids.ORG_A))));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "");

        CompletableFuture<HttpResponse<String>> query =
                send(token, "{ organization(id: \"" + Ids.ORG_A + "\") { name viewerScopes } }");
        long until = System.nanoTime() + 10_000_000_000L;
        while (ReadCacheTest.reads(SCOPES) == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(ReadCacheTest.reads(SCOPES))
                .as(() ->
                        LogtoMock.calls() + " " + (query.isDone() ? query.join().body() : "in flight"))
                .isEqualTo(1);

        Answer mutation = graphql(
                token,
                operation("renameOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "name", "Acme 2")));

        assertThat(mutation.errors()).as(mutation.body().toString()).isNull();
        assertThat(query.join().statusCode()).isEqualTo(200);
        assertThat(ReadCacheTest.reads(SCOPES)).isEqualTo(2);
    }

    @Test
    void theLastAdminGuardReadsLogtoEveryTime() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SCOPES)).willReturn(LogtoMock.json(scopes(Ids.ALL_SCOPES))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users/" + Ids.ALICE + "/roles"))
                .willReturn(LogtoMock.json(Fixtures.JSON
                        .createArrayNode()
                        .add(Fixtures.JSON
                                .createObjectNode()
                                .put("tenantId", "default")
                                .put("id", Ids.ROLE_ADMIN)
                                .put("name", "admin")
                                .putNull("description")
                                .put("type", "User")))));
        ArrayNode admins =
                Fixtures.JSON.createArrayNode().add(Fixtures.member(Ids.ALICE, "Alice", Ids.ROLE_ADMIN, "admin"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users"))
                .withQueryParam("organizationRoleId", equalTo(Ids.ROLE_ADMIN))
                .willReturn(LogtoMock.page(admins, 1)));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "");
        Map<String, Object> input = Map.of("input", Map.of("organizationId", Ids.ORG_A, "userId", Ids.ALICE));

        for (int i = 0; i < 2; i++) {
            Answer refused = graphql(token, operation("removeMemberCodes"), input);
            assertThat(refused.data().at("/removeMember/userErrors/0/code").asText())
                    .as(refused.body().toString())
                    .isEqualTo("LAST_ADMIN");
        }

        assertThat(LogtoMock.calls().stream()
                        .filter(call -> call.startsWith("GET " + ORG + "/users?")
                                && call.contains("organizationRoleId=" + Ids.ROLE_ADMIN)))
                .hasSize(2);
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void deleteOrganizationChecksTheNameOnLogtosAnswerNotOnAKeptOne() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SCOPES)).willReturn(LogtoMock.json(scopes(Ids.ALL_SCOPES))));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "");
        graphql(token, operation("organizationName"), Map.of("id", Ids.ORG_A));
        assertThat(ReadCacheTest.reads(ORG)).isEqualTo(1);

        Answer refused = graphql(
                token,
                operation("deleteOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "confirmName", "Not Acme")));

        assertThat(refused.data().at("/deleteOrganization/userErrors/0/code").asText())
                .as(refused.body().toString())
                .isEqualTo("CONFIRMATION_MISMATCH");
        assertThat(ReadCacheTest.reads(ORG)).isEqualTo(2);
    }

    @Test
    void noReadOfAMutationComesFromTheReadCaches() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SCOPES)).willReturn(LogtoMock.json(scopes(Ids.ALL_SCOPES))));
        // Alice's primary email is alice.admin@example.com: her own domain is example.com.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .willReturn(LogtoMock.page(
                        Fixtures.JSON.createArrayNode().add(Fixtures.user(Ids.ALICE, "Alice Admin")), 1)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/jit/email-domains"))
                .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode())));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/jit/email-domains")).willReturn(LogtoMock.created()));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "");
        graphql(token, operation("viewerUserId"));
        graphql(token, operation("viewerUserId"));
        assertThat(ReadCacheTest.reads("/api/users")).isEqualTo(1);

        // The domain check reads the caller's user: from Logto, though the queries' copy is still kept.
        Answer added = graphql(
                token,
                operation("addJoinEmailDomain"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "emailDomain", "example.com")));

        assertThat(added.data().at("/addJoinEmailDomain/userErrors"))
                .as(added.body().toString())
                .isEmpty();
        assertThat(ReadCacheTest.reads("/api/users")).isEqualTo(2);
    }

    private static ArrayNode scopes(String... names) {
        ArrayNode body = Fixtures.JSON.createArrayNode();
        ObjectNode shape = (ObjectNode)
                Fixtures.recordedBody("16-list-user-organization-scopes.json").get(0);
        for (String name : names) {
            body.add(shape.deepCopy().put("name", name).put("id", Ids.scopeId(name)));
        }
        return body;
    }

    private CompletableFuture<HttpResponse<String>> send(String token, String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        Fixtures.JSON.createObjectNode().put("query", query).toString()))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
