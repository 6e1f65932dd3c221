package dev.orgql.organization;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Partial data beyond the dashboard: each join-rule list and each half of the organization template
 * has its own Logto route, so one failing costs only its own field (null, with one error at its path).
 * The fault kinds themselves are covered by DashboardFaultsTest; a 500 stands for all of them here.
 */
@MicronautTest
class PartialDataTest extends GatewayTest {
    private static final String ORG = "/api/organizations/" + Ids.ORG_A;

    @Inject
    TemplateCache template;

    @BeforeEach
    void stubHealthyLogto() {
        template.invalidate();
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(ORG)).willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/jit/email-domains"))
                .willReturn(LogtoMock.json(jit("76-list-rec3-jit-email-domains-after-adds"))));
        ArrayNode defaultRoles = jit("85-list-rec3-jit-roles-after-replace").deepCopy();
        ((ObjectNode) defaultRoles.get(0)).put("id", Ids.ROLE_MEMBER);
        ((ObjectNode) defaultRoles.get(1)).put("id", Ids.ROLE_ADMIN);
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/jit/roles")).willReturn(LogtoMock.json(defaultRoles)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/jit/sso-connectors"))
                .willReturn(LogtoMock.json(Fixtures.load("jit/sso-connectors.list.from-openapi.json"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-scopes"))
                .willReturn(LogtoMock.json(Fixtures.defaultTemplateScopes())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"emailDomains", "defaultRoles", "ssoConnectors"})
    void oneFailingJoinRuleListCostsOnlyThatList(String field) {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        Answer healthy = graphql(token, operation("joinRules"), Map.of("id", Ids.ORG_A));
        assertThat(healthy.errors()).as(healthy.body().toString()).isNull();
        String route = switch (field) {
            case "emailDomains" -> "/jit/email-domains";
            case "defaultRoles" -> "/jit/roles";
            default -> "/jit/sso-connectors";
        };
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + route)).willReturn(LogtoMock.error(500, "500.internal.json")));
        LogtoMock.clearJournal();

        Answer partial = graphql(token, operation("joinRules"), Map.of("id", Ids.ORG_A));

        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.errors()).hasSize(1);
        assertThat(partial.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(Fixtures.JSON.convertValue(partial.firstError().get("path"), List.class))
                .isEqualTo(List.of("organization", "joinRules", field));
        JsonNode expected = healthy.data().deepCopy();
        ((ObjectNode) expected.at("/organization/joinRules")).putNull(field);
        assertThat(partial.data()).isEqualTo(expected);
        // The three lists, once each: the template and the organization are kept since the first request
        // (orgql.template-ttl, orgql.read-cache.organizations.ttl).
        assertThat(LogtoMock.apiCalls()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"roles", "scopes"})
    void oneFailingHalfOfTheTemplateCostsOnlyThatHalf(String field) {
        String token = userToken(Ids.ALICE, "");
        Answer healthy = graphql(token, operation("templateRolesAndScopes"));
        assertThat(healthy.errors()).as(healthy.body().toString()).isNull();
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-" + field))
                .willReturn(LogtoMock.error(500, "500.internal.json")));
        LogtoMock.clearJournal();

        Answer partial = graphql(token, operation("templateRolesAndScopes"));

        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.errors()).hasSize(1);
        assertThat(partial.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(Fixtures.JSON.convertValue(partial.firstError().get("path"), List.class))
                .isEqualTo(List.of("organizationTemplate", field));
        JsonNode expected = healthy.data().deepCopy();
        ((ObjectNode) expected.get("organizationTemplate")).putNull(field);
        assertThat(partial.data()).isEqualTo(expected);
        assertThat(LogtoMock.apiCalls()).hasSize(2);
    }

    private static ArrayNode jit(String name) {
        return (ArrayNode) Fixtures.recordedBody("jit/" + name + ".json");
    }
}
