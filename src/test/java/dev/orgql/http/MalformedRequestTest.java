package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A request that is not one well-formed GraphQL request is answered 400 (415 for a wrong Content-Type)
 * with a GraphQL error body coded BAD_USER_INPUT that names no internal class, and costs at most one
 * DEBUG line in the log: no ERROR or WARN, no stack trace.
 */
@MicronautTest
class MalformedRequestTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OK_QUERY = "{\"query\": \"{ __typename }\"";

    /** A POST body, its Content-Type (null: none) and the status it must get. */
    record Bad(String name, String contentType, byte[] body, int status) {
        Bad(String name, String body) {
            this(name, "application/json", body.getBytes(StandardCharsets.UTF_8), 400);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badBodies() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        byte[] nul = (OK_QUERY.substring(0, OK_QUERY.length() - 3) + "\u0000 }\"}").getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                new Bad("malformed JSON", "{\"query\": "),
                new Bad("empty body", ""),
                new Bad("batch (a JSON array)", "[" + OK_QUERY + "}]"),
                new Bad("a JSON string", "\"{ __typename }\""),
                new Bad("a JSON number", "42"),
                new Bad("JSON null", "null"),
                new Bad("query is a number", "{\"query\": 42}"),
                new Bad("query is an object", "{\"query\": {\"a\": 1}}"),
                new Bad("no query", "{\"variables\": {}}"),
                new Bad("operationName is an array", OK_QUERY + ", \"operationName\": [\"A\"]}"),
                new Bad("variables is an array", OK_QUERY + ", \"variables\": [1]}"),
                new Bad("variables is a string", OK_QUERY + ", \"variables\": \"{}\"}"),
                new Bad(
                        "10,000 nested arrays in customData",
                        OK_QUERY + ", \"variables\": {\"input\": {\"customData\": {\"x\": " + deep + "}}}}"),
                new Bad(
                        "a 5,000-digit number in customData",
                        OK_QUERY + ", \"variables\": {\"input\": {\"customData\": {\"x\": " + "9".repeat(5000)
                                + "}}}}"),
                new Bad("duplicate query keys", OK_QUERY + ", \"query\": \"mutation { x }\"}"),
                new Bad("content after the object", OK_QUERY + "} {}"),
                new Bad("raw NUL byte", "application/json", nul, 400),
                new Bad(
                        "over the size limit",
                        "application/json",
                        ("{\"query\": \"{ __typename }\", \"variables\": {\"x\": \"" + "x".repeat(300_000) + "\"}}")
                                .getBytes(StandardCharsets.UTF_8),
                        413),
                new Bad("text/plain", "text/plain", (OK_QUERY + "}").getBytes(StandardCharsets.UTF_8), 415),
                new Bad(
                        "form",
                        "application/x-www-form-urlencoded",
                        "query=%7B__typename%7D".getBytes(StandardCharsets.UTF_8),
                        415),
                new Bad("no Content-Type", null, (OK_QUERY + "}").getBytes(StandardCharsets.UTF_8), 415));
    }

    private ListAppender<ILoggingEvent> log;
    private Logger root;
    private Level handlerLevel;

    @BeforeEach
    void captureLog() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        Logger handler = (Logger) LoggerFactory.getLogger(BadRequestHandler.class);
        handlerLevel = handler.getLevel();
        handler.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(log);
        ((Logger) LoggerFactory.getLogger(BadRequestHandler.class)).setLevel(handlerLevel);
    }

    private void assertQuietLog(int refusals) {
        for (ILoggingEvent event : log.list) {
            assertThat(event.getLevel().isGreaterOrEqual(Level.WARN))
                    .as(event.getLoggerName() + ": " + event.getFormattedMessage())
                    .isFalse();
            assertThat(event.getThrowableProxy())
                    .as("a stack trace from " + event.getLoggerName())
                    .isNull();
        }
        List<ILoggingEvent> fromHandler = log.list.stream()
                .filter(e -> e.getLoggerName().equals(BadRequestHandler.class.getName()))
                .toList();
        assertThat(fromHandler)
                .hasSizeLessThanOrEqualTo(refusals)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("\n"));
    }

    private static void assertGraphQLError(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Fixtures.JSON.readTree(response.body());
        assertThat(body.properties()).map(Map.Entry::getKey).containsExactly("errors");
        assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
        String message = body.at("/errors/0/message").asText();
        assertThat(message)
                .isNotBlank()
                .doesNotContainPattern("\\b(io|com|java|graphql|dev)\\.[a-z]+\\.")
                .doesNotContain("Exception")
                .doesNotContain("Jackson")
                .doesNotContain("StreamReadConstraints");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodiesAreClientErrors(Bad bad) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                .header("Authorization", "Bearer " + orgToken(Ids.ALICE, Ids.ORG_A, "read:data"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bad.body()));
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertGraphQLError(response, bad.status());
        assertThat(LogtoMock.apiCalls()).isEmpty();
        assertQuietLog(1);
    }

    static Stream<String> badGetUrls() {
        String query = URLEncoder.encode(operation("typename"), StandardCharsets.UTF_8);
        return Stream.of(
                "/graphql",
                "/graphql?variables=%7B%7D",
                "/graphql?query=" + query + "&variables=%5B1%5D",
                "/graphql?query=" + query + "&variables=%7Bbroken");
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("badGetUrls")
    void badGetRequestsAreClientErrors(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + url))
                        .header("Authorization", "Bearer " + orgToken(Ids.ALICE, Ids.ORG_A, "read:data"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertGraphQLError(response, 400);
        assertQuietLog(1);
    }

    /** A value of a variable, named for the test report. */
    record Named<T>(String name, T value) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Named<Object>> wrongShapes() {
        return Stream.of(
                new Named<>("an object", Map.of("nested", true)),
                new Named<>("a list", List.of(Ids.ORG_A)),
                new Named<>("a boolean", true),
                new Named<>("a fraction", 1.5));
    }

    /** GraphQL's input coercion: an ID is a string or an integer, never an object turned into text. */
    @ParameterizedTest(name = "the id is {0}")
    @MethodSource("wrongShapes")
    void variablesOfTheWrongShapeAreRequestErrors(Named<Object> wrong) {
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member"),
                operation("organizationName"),
                Map.of("id", wrong.value()));
        assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo("BAD_USER_INPUT");
        assertThat(answer.body().has("data")).isFalse();
        assertThat(answer.firstError().path("message").asText())
                .contains("Variable 'id'")
                .doesNotContain("nested=true");
        assertThat(LogtoMock.apiCalls()).isEmpty();
        assertQuietLog(0);
    }

    static Stream<Named<Map<String, Object>>> wrongScalarShapes() {
        return Stream.of(
                new Named<>("an object for String", Map.of("after", Map.of("nested", true))),
                new Named<>("a list for String", Map.of("after", List.of("x"))),
                new Named<>("a string for Int", Map.of("first", "ten")),
                new Named<>("an object for Int", Map.of("first", Map.of("n", 1))));
    }

    /** graphql-java names the Java class it was handed; a client sent JSON, and is told in JSON's words. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongScalarShapes")
    void wrongShapesAreNamedInJsonTermsNotJavaClasses(Named<Map<String, Object>> wrong) {
        Map<String, Object> variables = new java.util.HashMap<>(wrong.value());
        variables.put("id", Ids.ORG_A);
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("memberPage"), variables);
        assertThat(answer.errorCode()).isEqualTo("BAD_USER_INPUT");
        String message = answer.firstError().path("message").asText();
        assertThat(message).containsPattern("a JSON (object|array|string)");
        assertThat(message).doesNotContainPattern("LinkedHashMap|ArrayList|HashMap|java\\.|'String'");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void anObjectInAnIdListIsARequestError() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member");
        Answer inList = graphql(
                token,
                operation("addMembersCodes"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "userIds", List.of(Map.of("nested", true)))));
        assertThat(inList.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(inList.body().has("data")).isFalse();
        assertThat(LogtoMock.apiCalls()).isEmpty();
        assertQuietLog(0);
    }

    // Broken on purpose, so written here rather than kept with the operations.
    static Stream<Named<String>> queriesWithControlCharacters() {
        return Stream.of(
                new Named<>("NUL inside a name", "{ __type\u0000name }"),
                new Named<>("U+0001 between tokens", "{ __typename \u0001 }"),
                new Named<>("NUL inside a string", "{ organization(id: \"a\u0000b\") { name } }"));
    }

    /** A NUL escaped inside the query text is a syntax error like any other: answered, not logged. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("queriesWithControlCharacters")
    void controlCharactersInTheQueryTextAreSyntaxErrors(Named<String> query) {
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query.value());
        assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.apiCalls()).isEmpty();
        assertQuietLog(0);
    }

    /** Bytes that are not UTF-8 become U+FFFD when the body is decoded: a syntax error, not a failure. */
    @Test
    void invalidUtf8IsAClientError() throws Exception {
        byte[] prefix = "{\"query\": \"{ __typename".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = " }\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + orgToken(Ids.ALICE, Ids.ORG_A, "read:data"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        assertThat(Fixtures.JSON
                        .readTree(response.body())
                        .at("/errors/0/extensions/code")
                        .asText())
                .isEqualTo("BAD_USER_INPUT");
        assertQuietLog(1);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON"})
    void wellFormedRequestsStillWork(String type) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .header("Content-Type", type)
                        .header("Authorization", "Bearer " + orgToken(Ids.ALICE, Ids.ORG_A, "read:data"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                OK_QUERY + ", \"operationName\": null, \"variables\": null, \"extensions\": {}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(type).isEqualTo(200);
        assertThat(Fixtures.JSON
                        .readTree(response.body())
                        .at("/data/__typename")
                        .asText())
                .isEqualTo("Query");
    }

    @Test
    void aQueryPostedAsApplicationGraphqlStillWorks() throws Exception {
        HttpResponse<String> graphql = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .header("Content-Type", "application/graphql")
                        .header("Authorization", "Bearer " + orgToken(Ids.ALICE, Ids.ORG_A, "read:data"))
                        .POST(HttpRequest.BodyPublishers.ofString("{ __typename }"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(graphql.statusCode()).isEqualTo(200);
        assertThat(Fixtures.JSON.readTree(graphql.body()).at("/data/__typename").asText())
                .as(graphql.body())
                .isEqualTo("Query");
    }
}
