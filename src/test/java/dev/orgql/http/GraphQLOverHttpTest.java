package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GraphQL-over-HTTP rules a client sees: the answer's media type follows {@code Accept}, and with
 * {@code application/graphql-response+json} a request that did not execute is 400 (with
 * {@code application/json} it stays 200, as older clients expect). The graphql-http audit itself runs in
 * CI against the packaged jar (.ci/graphql-http-audit.sh); these are its rules that matter most, kept here.
 */
@MicronautTest
class GraphQLOverHttpTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GRJ = "application/graphql-response+json";

    record Reply(int status, String contentType, JsonNode body) {}

    private Reply post(String accept, String contentType, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Reply get(String accept, String parameters) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql?" + parameters));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static Reply reply(HttpResponse<String> response) throws Exception {
        return new Reply(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                Fixtures.JSON.readTree(response.body()));
    }

    private static String body(String query) {
        return Fixtures.JSON.createObjectNode().put("query", query).toString();
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "application/graphql-response+json | application/graphql-response+json",
                "application/graphql-response+json, application/json;q=0.9 | application/graphql-response+json",
                "application/json, application/graphql-response+json;q=0.5 | application/json",
                "application/json | application/json",
                "*/* | application/json",
                "none | application/json",
                "text/html,application/xhtml+xml,*/*;q=0.8 | application/json"
            })
    void theAnswerIsInTheMediaTypeTheClientPrefers(String accept, String expected) throws Exception {
        Reply reply = post(accept, "application/json", body("{ __typename }"), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(expected).contains("charset=utf-8");
        assertThat(reply.body().at("/data/__typename").asText()).isEqualTo("Query");
    }

    @Test
    void aClientThatAcceptsNeitherGets406InGraphQLShape() throws Exception {
        Reply reply = post("text/html", "application/json", body("{ __typename }"), null);

        assertThat(reply.status()).isEqualTo(406);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.body().at("/errors/0/message").asText()).contains("application/graphql-response+json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "syntax error | { __typename",
                "validation error | { notAField }",
                "variable coercion | query ($id: ID!) { organization(id: $id) { id } }"
            })
    void aRequestThatDidNotExecuteIs400WithTheNewMediaTypeAnd200WithJson(String what, String query) throws Exception {
        String token = TestTokens.organizationToken(LogtoMock.issuer(), Ids.ALICE, Ids.ORG_A, "read:data");

        Reply modern = post(GRJ, "application/json", body(query), token);
        Reply legacy = post("application/json", "application/json", body(query), token);

        assertThat(modern.status()).isEqualTo(400);
        assertThat(modern.contentType()).startsWith(GRJ);
        assertThat(modern.body().has("data")).isFalse();
        assertThat(modern.body().at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.body().at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void aFieldErrorWithDataIs200() throws Exception {
        String token = TestTokens.organizationToken(LogtoMock.issuer(), Ids.ALICE, Ids.ORG_A, "read:data");

        // Another organization than the token's: the field is null with FORBIDDEN, the request executed.
        Reply reply = post(GRJ, "application/json", body("{ organization(id: \"" + Ids.ORG_B + "\") { id } }"), token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("data").has("organization")).isTrue();
        assertThat(reply.body().at("/errors/0/extensions/code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void malformedBodiesAre400InTheRequestedMediaType() throws Exception {
        Reply notJson = post(GRJ, "application/json", "{ \"not a JSON", null);
        Reply badExtensions =
                post(GRJ, "application/json", "{\"query\":\"{ __typename }\",\"extensions\":\"x\"}", null);

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith(GRJ);
        assertThat(badExtensions.status()).isEqualTo(400);
        assertThat(badExtensions.body().at("/errors/0/message").asText()).contains("`extensions`");
    }

    @Test
    void extensionsMapsAreAcceptedOverPostAndGet() throws Exception {
        Reply posted = post(
                GRJ,
                "application/json",
                "{\"query\":\"{ __typename }\",\"extensions\":{\"client\":\"web\"},\"variables\":null,"
                        + "\"operationName\":null}",
                null);
        Reply got = get(
                GRJ,
                "query=" + URLEncoder.encode("{ __typename }", StandardCharsets.UTF_8) + "&extensions="
                        + URLEncoder.encode("{\"client\":\"web\"}", StandardCharsets.UTF_8));

        assertThat(posted.status()).isEqualTo(200);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().at("/data/__typename").asText()).isEqualTo("Query");
    }

    @Test
    void theDocumentMayBeTheBodyAsApplicationGraphql() throws Exception {
        Reply reply = post(GRJ, "application/graphql", "{ __typename }", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().at("/data/__typename").asText()).isEqualTo("Query");
    }

    @Test
    void aMutationOverGetIs405() throws Exception {
        Reply reply = get(GRJ, "query=" + URLEncoder.encode("mutation { __typename }", StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.body().has("data")).isFalse();
    }
}
