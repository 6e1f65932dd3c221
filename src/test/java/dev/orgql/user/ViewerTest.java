package dev.orgql.user;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code viewer}: the caller's profile and organizations with their roles there; the template query. */
@MicronautTest
class ViewerTest extends GatewayTest {
    private static final String QUERY = operation("viewerOrganizations");

    @Inject
    TemplateCache template;

    @BeforeEach
    void stubViewer() {
        template.invalidate();
        ArrayNode users = Fixtures.JSON.createArrayNode().add(Fixtures.user(Ids.ALICE, "Alice"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users")).willReturn(LogtoMock.page(users, 1)));
        ArrayNode organizations = Fixtures.JSON.createArrayNode();
        ObjectNode a = (ObjectNode)
                Fixtures.recordedBody("18-list-user-organizations.json").get(0).deepCopy();
        a.putArray("organizationRoles").addObject().put("id", Ids.ROLE_ADMIN).put("name", "admin");
        ObjectNode b = a.deepCopy().put("id", Ids.ORG_B).put("name", "Globex");
        organizations.add(b).add(a);
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users/" + Ids.ALICE + "/organizations"))
                .willReturn(LogtoMock.json(organizations)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-scopes"))
                .willReturn(LogtoMock.json(Fixtures.defaultTemplateScopes())));
    }

    @Test
    void userTokenSeesAllItsOrganizationsSortedByName() {
        Answer answer = graphql(userToken(Ids.ALICE, ""), QUERY);

        assertThat(answer.errors()).isNull();
        JsonNode viewer = answer.data().get("viewer");
        assertThat(viewer.at("/user/name").asText()).isEqualTo("Alice");
        assertThat(viewer.at("/organizations/totalCount").asInt()).isEqualTo(2);
        assertThat(viewer.at("/organizations/edges/0/node/name").asText()).isEqualTo("Acme mwrs5zyi");
        assertThat(viewer.at("/organizations/edges/0/roles/0/name").asText()).isEqualTo("admin");
        assertThat(viewer.at("/organizations/edges/0/roles/0/type").asText()).isEqualTo("USER");
        assertThat(LogtoMock.server()
                        .findAll(WireMock.getRequestedFor(urlPathEqualTo("/api/users")))
                        .get(0)
                        .getUrl())
                .contains("search.id=" + Ids.ALICE);
    }

    @Test
    void organizationTokenSeesOnlyItsOrganization() {
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_B, ""), QUERY);

        assertThat(answer.data().at("/viewer/organizations/totalCount").asInt()).isEqualTo(1);
        assertThat(answer.data()
                        .at("/viewer/organizations/edges/0/node/organizationId")
                        .asText())
                .isEqualTo(Ids.ORG_B);
    }

    @Test
    void templateListsRolesWithScopesAndScopesWithDescriptions() {
        Answer answer = graphql(userToken(Ids.ALICE, ""), operation("templateRolesWithScopes"));

        assertThat(answer.errors()).isNull();
        JsonNode roles = answer.data().at("/organizationTemplate/roles");
        assertThat(roles).extracting(r -> r.get("name").asText()).containsExactly("admin", "bot", "member");
        assertThat(roles.get(1).get("type").asText()).isEqualTo("MACHINE_TO_MACHINE");
        assertThat(roles.get(0).at("/scopes/0/description").asText()).startsWith("Allows ");
        assertThat(answer.data().at("/organizationTemplate/scopes")).hasSize(8);
        // One call each for roles and scopes, however many roles ask for descriptions.
        assertThat(LogtoMock.apiCalls()).hasSize(2);
    }
}
