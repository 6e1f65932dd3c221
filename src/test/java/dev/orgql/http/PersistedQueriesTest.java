package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orgql.support.Fixtures;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Automatic persisted queries as Apollo Client's persisted-queries link uses them: hash first, then both. */
@MicronautTest
class PersistedQueriesTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String QUERY = "query Hello { __typename }";

    record Reply(int status, JsonNode body) {}

    static ObjectNode request(String query, String hash) {
        ObjectNode body = Fixtures.JSON.createObjectNode();
        if (query != null) {
            body.put("query", query);
        }
        body.putObject("extensions")
                .putObject("persistedQuery")
                .put("version", 1)
                .put("sha256Hash", hash);
        return body;
    }

    Reply post(String accept, JsonNode body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Fixtures.JSON.readTree(response.body()));
    }

    Reply get(String hash) throws Exception {
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql?operationName=Hello&extensions="
                                + URLEncoder.encode(extensions, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), Fixtures.JSON.readTree(response.body()));
    }

    @Test
    void anUnknownHashIsAskedForOnceThenTheHashAloneRuns() throws Exception {
        String hash = PersistedQueries.sha256(QUERY);

        Reply unknown = post("application/json", request(null, hash));
        Reply registered = post("application/json", request(QUERY, hash));
        Reply byHash = post("application/json", request(null, hash));
        Reply overGet = get(hash);

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body().at("/errors/0/message").asText()).isEqualTo("PersistedQueryNotFound");
        assertThat(unknown.body().at("/errors/0/extensions/code").asText()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        assertThat(registered.body().at("/data/__typename").asText()).isEqualTo("Query");
        assertThat(byHash.body().at("/data/__typename").asText()).isEqualTo("Query");
        assertThat(overGet.status()).isEqualTo(200);
        assertThat(overGet.body().at("/data/__typename").asText()).isEqualTo("Query");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void underTheNewMediaTypeAnUnknownHashIs400() throws Exception {
        Reply unknown = post("application/graphql-response+json", request(null, "a".repeat(64)));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/errors/0/extensions/code").asText()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void aHashThatIsNotTheDocumentsIsRefusedAndNotStored() throws Exception {
        String other = PersistedQueries.sha256("{ __typename }");

        Reply mismatch = post("application/json", request(QUERY + " ", other));

        assertThat(mismatch.body().at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(mismatch.body().has("data")).isFalse();
    }

    @Test
    void malformedExtensionsAreBadUserInput() throws Exception {
        ObjectNode badVersion = request(QUERY, PersistedQueries.sha256(QUERY));
        ((ObjectNode) badVersion.at("/extensions/persistedQuery")).put("version", 2);
        ObjectNode badHash = request(null, "../../etc/passwd");

        assertThat(post("application/json", badVersion)
                        .body()
                        .at("/errors/0/message")
                        .asText())
                .contains("version");
        assertThat(post("application/json", badHash)
                        .body()
                        .at("/errors/0/message")
                        .asText())
                .contains("64 hexadecimal digits");
    }

    @Test
    void aManifestWithAWrongHashStopsTheStart() throws Exception {
        Path manifest = Files.createTempFile("orgql-manifest", ".json");
        Files.writeString(manifest, "{\"" + "b".repeat(64) + "\": \"{ __typename }\"}");

        assertThatThrownBy(() -> PersistedQueries.load(manifest))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("whose SHA-256 is another");
    }
}
