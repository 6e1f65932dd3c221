package dev.orgql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every scope policy must guarantee; each subclass runs these under one policy and adds what
 * differs. Organization A is where the caller's tokens are bound; B is somewhere else.
 */
abstract class ScopePolicyScenarios extends GatewayTest {
    static final String QUERY_A = operation("organizationNameAndScopes");
    static final String QUERY_B = operation("organizationName");
    static final Map<String, Object> ON_ORG_A = Map.of("id", Ids.ORG_A);
    static final Map<String, Object> ON_ORG_B = Map.of("id", Ids.ORG_B);
    static final String RENAME = operation("renameOrganization");

    @Inject
    LiveScopeCache liveScopes;

    @BeforeEach
    void stubOrganizations() {
        liveScopes.invalidateAll();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_B))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_B, "Globex"))));
    }

    static final String[] MEMBER_SCOPES = {"read:data", "write:data", "invite:member"};
    static final String DEMOTION = "demotion";
    static final String DEMOTED = "demoted";

    /** Live scopes of Alice in an organization, in Logto's answer format. */
    static void stubLiveScopes(String organizationId, String... names) {
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(scopesPath(organizationId))).willReturn(LogtoMock.json(scopesBody(names))));
    }

    /**
     * Alice is an admin of the organization until {@link #demote()} (as if someone changed her roles
     * through the Management API, behind the gateway's back); then a member.
     */
    static void stubDemotion(String organizationId) {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(scopesPath(organizationId)))
                .inScenario(DEMOTION)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(LogtoMock.json(scopesBody(Ids.ALL_SCOPES))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(scopesPath(organizationId)))
                .inScenario(DEMOTION)
                .whenScenarioStateIs(DEMOTED)
                .willReturn(LogtoMock.json(scopesBody(MEMBER_SCOPES))));
    }

    static void demote() {
        LogtoMock.server().setScenarioState(DEMOTION, DEMOTED);
    }

    /** Variables of {@link #RENAME}: organization {@code organizationId} renamed to "Acme 2". */
    static Map<String, Object> rename(String organizationId) {
        return Map.of("input", Map.of("organizationId", organizationId, "name", "Acme 2"));
    }

    private static String scopesPath(String organizationId) {
        return "/api/organizations/" + organizationId + "/users/" + Ids.ALICE + "/scopes";
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode scopesBody(String... names) {
        var body = Fixtures.JSON.createArrayNode();
        var shape =
                Fixtures.recordedBody("16-list-user-organization-scopes.json").get(0);
        for (String name : names) {
            body.add(((com.fasterxml.jackson.databind.node.ObjectNode) shape.deepCopy())
                    .put("name", name)
                    .put("id", Ids.scopeId(name)));
        }
        return body;
    }

    static List<LoggedRequest> scopeLookups() {
        return LogtoMock.server()
                .findAll(WireMock.getRequestedFor(urlPathMatching("/api/organizations/.*/users/.*/scopes")));
    }

    @Test
    void organizationTokenForAGetsNothingInB() {
        stubLiveScopes(Ids.ORG_B, Ids.ALL_SCOPES);

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, String.join(" ", Ids.ALL_SCOPES)), QUERY_B, ON_ORG_B);

        assertThat(answer.data().get("organization").isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(answer.firstError().at("/extensions/organizationId").asText())
                .isEqualTo(Ids.ORG_B);
        assertThat(answer.firstError().get("message").asText()).contains("bound to organization " + Ids.ORG_A);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void organizationApiTokenForAGetsNothingInB() {
        stubLiveScopes(Ids.ORG_B, Ids.ALL_SCOPES);
        String token = TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience(TestTokens.API_RESOURCE)
                .claim("organization_id", Ids.ORG_A)
                .scope("read:data")
                .sign();

        Answer answer = graphql(token, QUERY_B, ON_ORG_B);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void botTokenUsesItsClaimsOnly() {
        String bot = TestTokens.token(LogtoMock.issuer())
                .subject("c7n2m8k4j1h9g5f3d6s0a")
                .claim("client_id", "c7n2m8k4j1h9g5f3d6s0a")
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .sign();

        Answer answer = graphql(bot, QUERY_A, ON_ORG_A);

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/viewerScopes/0").asText()).isEqualTo("read:data");
        assertThat(scopeLookups()).isEmpty();
    }

    @Test
    void deniedFieldIsNullWhileTheRestIsAnswered() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        stubLiveScopes(Ids.ORG_A, "read:data");

        Answer answer = graphql(token, operation("twoOrganizations"), Map.of("a", Ids.ORG_A, "b", Ids.ORG_B));

        assertThat(answer.data().at("/a/name").asText()).isEqualTo("Acme");
        assertThat(answer.data().get("b").isNull()).isTrue();
        assertThat(answer.errors()).hasSize(1);
        assertThat(answer.firstError().at("/extensions/missingScopes/0").asText())
                .isEqualTo("read:data");
    }

    @Test
    void machineTokenForTheGatewayHoldsNoOrganizationScopes() {
        String machine = TestTokens.token(LogtoMock.issuer())
                .subject("m2mclient0000000000001")
                .claim("client_id", "m2mclient0000000000001")
                .audience(TestTokens.API_RESOURCE)
                .scope("read:data")
                .sign();

        Answer answer = graphql(machine, QUERY_A, ON_ORG_A);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }
}
