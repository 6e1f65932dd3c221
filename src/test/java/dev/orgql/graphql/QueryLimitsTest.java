package dev.orgql.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Over-limit queries are refused before execution, so before any call to Logto. */
@MicronautTest
class QueryLimitsTest extends GatewayTest {
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.limits.max-depth", "5", "orgql.limits.max-aliases", "3", "orgql.limits.max-complexity", "500");
    }

    /** The probes below are written out here, where their size is the point; the organization is a variable. */
    private static final Map<String, Object> ORG_A = Map.of("id", Ids.ORG_A);

    @BeforeEach
    void stubTemplate() {
        // Probes at the limit are executed: the template they read is Logto's default one.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }

    private void assertRejected(Answer answer, String limit) {
        assertThat(answer.data() == null || answer.data().isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(answer.firstError().at("/extensions/limit").asText()).isEqualTo(limit);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void tooDeep() {
        String query = "query($id: ID!) { organization(id: $id) { members { nodes { roles { scopes { name } } } } } }";
        assertRejected(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query, ORG_A), "depth");
    }

    @Test
    void limitsHoldForAQueryTheGatewayHasAlreadyParsed() {
        String query =
                "query($n: Int, $id: ID!) { organization(id: $id) { members(first: $n) { nodes { id user { id name primaryEmail } } } } }";
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        // The executed query is answered in full, so every call it makes has reached Logto before its
        // answer does: none may arrive late, in another test's journal.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
        // The same text, parsed once: the cost depends on the variables, so it is checked every time.
        assertRejected(graphql(token, query, Map.of("n", 100, "id", Ids.ORG_A)), "complexity");
        Answer small = graphql(token, query, Map.of("n", 2, "id", Ids.ORG_A));
        assertThat(small.errors()).as(small.body().toString()).isNull();
        assertThat(small.data().at("/organization/members/nodes")).isEmpty();
        int callsSoFar = LogtoMock.apiCalls().size();
        assertThat(graphql(token, query, Map.of("n", 100, "id", Ids.ORG_A)).errorCode())
                .isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(callsSoFar).isGreaterThan(0);
    }

    @Test
    void aKnownCostIsNotReusedForOtherVariablesOrAnotherOperation() {
        // One text, so one parsed document whose costs are kept: what is skipped depends on a variable,
        // and the second operation of the document is the expensive one.
        String query = "query Light($id: ID!, $all: Boolean!) { organization(id: $id) { name"
                + " members(first: 100) @include(if: $all) { nodes { id user { id name } } } } }"
                + " query Heavy($id: ID!) { organization(id: $id) { members(first: 100) { nodes { id user { id name } } } } }";
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        Answer light = graphql(token, query, Map.of("id", Ids.ORG_A, "all", false), "Light");
        assertThat(light.errors()).as(light.body().toString()).isNull();
        assertThat(light.data().at("/organization/name").asText()).isEqualTo("Acme");
        assertThat(graphql(token, query, Map.of("id", Ids.ORG_A, "all", true), "Light")
                        .errorCode())
                .isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(graphql(token, query, Map.of("id", Ids.ORG_A), "Heavy").errorCode())
                .isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(graphql(token, query, Map.of("id", Ids.ORG_A, "all", false), "Light")
                        .errors())
                .isNull();
    }

    @Test
    void tooManyAliases() {
        String query = "{ a: organizationTemplate { roles { name } } b: organizationTemplate { roles { name } } "
                + "c: organizationTemplate { roles { name } } d: organizationTemplate { roles { name } } }";
        assertRejected(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query), "aliases");
    }

    @Test
    void tooComplex() {
        String query =
                "query($id: ID!) { organization(id: $id) { members(first: 100) { nodes { id user { id name } } } } }";
        assertRejected(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query, ORG_A), "complexity");
    }

    /** One operation of a document with several, chosen by {@code operationName}. */
    private Answer graphql(String token, String query, Map<String, Object> variables, String operationName) {
        try {
            ObjectNode body = Fixtures.JSON.createObjectNode();
            body.put("query", query);
            body.put("operationName", operationName);
            body.set("variables", Fixtures.JSON.valueToTree(variables));
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), Fixtures.JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertNotRefused(Answer answer) {
        assertThat(answer.body().path("errors").findValuesAsText("code"))
                .as(answer.body().toString())
                .doesNotContain("QUERY_TOO_COMPLEX");
    }

    private static String aliases(int n) {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            query.append(" t").append(i).append(": organizationTemplate { roles { name } }");
        }
        return query.append(" }").toString();
    }

    @Test
    void depthAtTheLimitPassesAndOneMoreLevelIsRefused() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        // The refused one first: the calls of an executed query may still be arriving at Logto after its answer.
        Answer over = graphql(
                token,
                "query($id: ID!) { organization(id: $id) { members { nodes { roles { scopes { name } } } } } }",
                ORG_A);
        assertRejected(over, "depth");
        assertThat(over.firstError().at("/extensions/value").asInt()).isEqualTo(6);
        assertNotRefused(graphql(
                token, "query($id: ID!) { organization(id: $id) { members { nodes { roles { name } } } } }", ORG_A));
    }

    @Test
    void aliasesAreCountedOnceAtTheLimitAndOneOver() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        Answer over = graphql(token, aliases(4));
        assertRejected(over, "aliases");
        assertThat(over.firstError().at("/extensions/value").asInt()).isEqualTo(4);
        assertThat(over.firstError().path("message").asText())
                .isEqualTo("The query uses 4 aliases; at most 3 are allowed.");
        assertNotRefused(graphql(token, aliases(3)));
    }

    @Test
    void aliasesInAFragmentCountWhereverItIsSpread() {
        String query =
                "{ ...T ...T } fragment T on Query { a: organizationTemplate { roles { name } } b: organizationTemplate { roles { name } } }";
        // The same fragment twice merges into one field per alias when executed, but costs its aliases twice to check.
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query);
        assertRejected(answer, "aliases");
        assertThat(answer.firstError().at("/extensions/value").asInt()).isEqualTo(4);
    }

    @Test
    void complexityAtTheLimitPassesAndOneMoreFieldIsRefused() {
        // 1 (organization) + 1 (id) + 1 (name) + (1 + 100 * 2) + (1 + 100 * 2) + (1 + 47 * 2) = 500
        String fields = "id name members(first: 100) { nodes { id } } bots(first: 100) { nodes { id } } "
                + "invitations(first: 47) { nodes { id } }";
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        // The executed query is answered in full, so its lists (read alongside the organization) have reached
        // Logto before its answer: none may arrive late, in another test's journal, as they could when an
        // unknown organization ends the query while they are still queued.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        for (String list : new String[] {
            "/api/organizations/" + Ids.ORG_A + "/users",
            "/api/organizations/" + Ids.ORG_A + "/applications",
            "/api/organization-invitations"
        }) {
            LogtoMock.stub(
                    WireMock.get(urlPathEqualTo(list)).willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
        }
        Answer over = graphql(token, "query($id: ID!) { organization(id: $id) { description " + fields + " } }", ORG_A);
        assertRejected(over, "complexity");
        assertThat(over.firstError().at("/extensions/value").asInt()).isEqualTo(501);
        Answer atTheLimit = graphql(token, "query($id: ID!) { organization(id: $id) { " + fields + " } }", ORG_A);
        assertThat(atTheLimit.errors()).as(atTheLimit.body().toString()).isNull();
    }

    @Test
    void typenameCostsOneLikeAnyField() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        // members(first: 100) { __typename nodes { __typename } }: 1 + 100 * (1 + 1 + 1) = 301, plus 1 for the
        // organization.
        String query =
                "query($id: ID!) { organization(id: $id) { members(first: 100) { __typename nodes { __typename } } } }";
        // Two more __typenames under nodes: 1 + (1 + 100 * (1 + 1 + 3)) = 502 (they cost nothing before).
        String more =
                "query($id: ID!) { organization(id: $id) { members(first: 100) { __typename nodes { __typename a: __typename b: __typename } } } }";
        Answer over = graphql(token, more, ORG_A);
        assertRejected(over, "complexity");
        assertThat(over.firstError().at("/extensions/value").asInt()).isEqualTo(502);
        assertNotRefused(graphql(token, query, ORG_A));
    }

    @Test
    void withinLimitsIsExecuted() {
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("templateRoleNames"));

        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        assertThat(answer.data().at("/organizationTemplate/roles").findValuesAsText("name"))
                .containsExactlyInAnyOrder("admin", "bot", "member");
    }
}
