package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Allow-list mode: only the manifest's operations run (Apollo's manifest format here), by hash or by text. */
@MicronautTest
class AllowListTest extends GatewayTest {
    private static final String REGISTERED = "query OrganizationName($id: ID!) { organization(id: $id) { name } }";

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path manifest = Files.createTempFile("orgql-allow-list", ".json");
            var root = Fixtures.JSON
                    .createObjectNode()
                    .put("format", "apollo-persisted-query-manifest")
                    .put("version", 1);
            root.putArray("operations")
                    .addObject()
                    .put("id", PersistedQueries.sha256(REGISTERED))
                    .put("name", "OrganizationName")
                    .put("type", "query")
                    .put("body", REGISTERED);
            Files.writeString(manifest, root.toString());
            return Map.of(
                    "orgql.persisted-queries.mode",
                    "allow-list",
                    "orgql.persisted-queries.manifest",
                    manifest.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void registeredOperationsRunByTextOrHashAndNothingElseRuns() {
        LogtoMock.stub(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                                "/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        Answer byText = graphql(token, REGISTERED, Map.of("id", Ids.ORG_A));
        Answer other = graphql(token, "{ organization(id: \"" + Ids.ORG_A + "\") { id name } }");
        Answer introspection = graphql(null, "{ __typename }");

        assertThat(byText.data().at("/organization/name").asText()).isEqualTo("Acme");
        assertThat(other.errorCode()).isEqualTo("PERSISTED_QUERY_NOT_ALLOWED");
        assertThat(other.body().has("data")).isFalse();
        assertThat(introspection.errorCode()).isEqualTo("PERSISTED_QUERY_NOT_ALLOWED");
        assertThat(LogtoMock.apiCalls()).hasSize(1);
    }
}
