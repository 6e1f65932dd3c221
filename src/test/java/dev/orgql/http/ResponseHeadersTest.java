package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every answer carries {@code X-Content-Type-Options: nosniff}; GraphQL answers (whatever their status)
 * are never stored by a cache; the SDL is revalidated; GraphiQL is off unless enabled.
 */
@MicronautTest
class ResponseHeadersTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Test
    void graphqlAnswersAreNotStoredOrSniffed() throws Exception {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        String query = "{\"query\": \"{ __typename }\"}";
        List<HttpResponse<String>> answers = List.of(
                send(post(query, token)), // 200
                send(post("{\"query\": \"{ viewer { user { id } } }\"}", null)), // 401
                send(post("{\"query\": ", token)), // 400
                send(HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql?query="
                                + URLEncoder.encode("{ __typename }", StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + token)));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 401, 400, 200);
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options"))
                    .as(answer.body())
                    .contains("nosniff");
            assertThat(answer.headers().firstValue("Cache-Control"))
                    .as(answer.body())
                    .contains("no-store");
        }
    }

    @Test
    void theSchemaIsRevalidated() throws Exception {
        HttpResponse<String> schema =
                send(HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql/schema.graphql")));
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("type Query");
        assertThat(schema.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(schema.headers().firstValue("Cache-Control")).contains("no-cache");
        String etag = schema.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again =
                send(HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql/schema.graphql"))
                        .header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"*/*", "application/json", "application/graphql", "text/plain", "text/html"})
    void theSchemaIsTextWhateverTheClientAccepts(String accept) throws Exception {
        HttpResponse<String> schema =
                send(HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql/schema.graphql"))
                        .header("Accept", accept));

        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain").contains("charset=utf-8"));
        assertThat(schema.body()).contains("type Query");
    }

    @Test
    void otherAnswersAreNotSniffedEither() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(server.getURL() + "/nothing-here")));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void graphiqlIsOffByDefault() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(server.getURL() + "/graphiql")))
                        .statusCode())
                .isEqualTo(404);
        // Only dev mode's root leads to GraphiQL (DevRootController).
        assertThat(send(HttpRequest.newBuilder(URI.create(server.getURL() + "/")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(server.getURL() + "/graphiql/assets/graphiql.min.js")))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void graphiqlCanBeEnabled() throws Exception {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("micronaut.server.port", "-1");
        properties.put("orgql.graphiql.enabled", "true");
        try (EmbeddedServer enabled = ApplicationContext.run(EmbeddedServer.class, properties)) {
            HttpResponse<String> page = HTTP.send(
                    HttpRequest.newBuilder(URI.create(enabled.getURL() + "/graphiql"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }
}
