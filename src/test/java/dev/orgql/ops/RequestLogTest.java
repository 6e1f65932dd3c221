package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The request id (from {@code X-Request-Id} when it is a plain token, else generated) in every log line
 * of its request, the response header and the errors' {@code extensions.requestId}; one access log line
 * per request with nothing secret in it. Log lines are captured with an appender on the root logger, the
 * Management API client at DEBUG so that a line written on the upstream client's thread is seen too.
 */
@MicronautTest
class RequestLogTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String QUERY = operation("organizationName");
    private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private ListAppender<ILoggingEvent> log;
    private Logger root;
    private Logger logto;
    private Level logtoLevel;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        logto = (Logger) LoggerFactory.getLogger("dev.orgql.logto");
        logtoLevel = logto.getLevel();
        logto.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
        logto.setLevel(logtoLevel);
    }

    private HttpResponse<String> post(String token, String requestId, Map<String, Object> variables)
            throws IOException, InterruptedException {
        JsonNode body = Fixtures.JSON.valueToTree(Map.of("query", QUERY, "variables", variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<ILoggingEvent> linesOf(String requestId) {
        return log.list.stream()
                .filter(e -> requestId.equals(e.getMDCPropertyMap().get("requestId")))
                .toList();
    }

    private List<ILoggingEvent> accessLines() {
        return log.list.stream()
                .filter(e -> e.getLoggerName().equals("orgql.access"))
                .toList();
    }

    @Test
    void theCallersIdIsInEveryLineTheHeaderAndTheErrors() throws Exception {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.error(404, "404.entity.not_exists_with_id.json")));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        HttpResponse<String> response = post(token, "frontend-42.a_b:c", Map.of("id", Ids.ORG_A));

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("frontend-42.a_b:c");
        JsonNode error = Fixtures.JSON.readTree(response.body()).path("errors").path(0);
        assertThat(error.path("extensions").path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.path("extensions").path("requestId").asText()).isEqualTo("frontend-42.a_b:c");

        List<ILoggingEvent> lines = linesOf("frontend-42.a_b:c");
        // Written where Logto's answer arrives, on the HTTP client's thread, not the request's.
        assertThat(lines)
                .anySatisfy(line -> assertThat(line.getFormattedMessage())
                        .contains("Logto GET /api/organizations/" + Ids.ORG_A + " answered 404"));
        assertThat(lines)
                .filteredOn(line -> line.getLoggerName().equals("orgql.access"))
                .singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage())
                        .matches("method=POST path=/graphql status=200 durationMs=\\d+ operation=OrganizationName"
                                + " operationType=query caller=user_organization organization=" + Ids.ORG_A));
        assertThat(log.list)
                .as("no line without the id mentions this request's upstream call")
                .filteredOn(line -> line.getFormattedMessage().contains("/api/organizations/" + Ids.ORG_A))
                .allSatisfy(
                        line -> assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "frontend-42.a_b:c"));
        assertThat(log.list)
                .as("no token in any line")
                .noneSatisfy(line -> assertThat(line.getFormattedMessage()).contains(token));
    }

    @Test
    void anIdThatIsNotAPlainTokenIsReplaced() throws Exception {
        String hostile = "x\" injected=1 <script>";
        HttpResponse<String> response = post(null, hostile, Map.of("id", Ids.ORG_A));

        String given = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(given).matches(UUID_SHAPE);
        assertThat(Fixtures.JSON
                        .readTree(response.body())
                        .at("/errors/0/extensions/requestId")
                        .asText())
                .isEqualTo(given);
        assertThat(log.list)
                .noneSatisfy(line -> assertThat(line.getFormattedMessage()).contains("injected"));

        String tooLong = "a".repeat(129);
        assertThat(post(null, tooLong, Map.of("id", Ids.ORG_A)).headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches(UUID_SHAPE));
    }

    @Test
    void withoutAnIdEachRequestGetsItsOwn() throws Exception {
        HttpResponse<String> first = post(null, null, Map.of("id", Ids.ORG_A));
        HttpResponse<String> second = post(null, null, Map.of("id", Ids.ORG_A));
        String a = first.headers().firstValue("X-Request-Id").orElseThrow();
        String b = second.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(a).matches(UUID_SHAPE).isNotEqualTo(b);
        assertThat(accessLines()).hasSize(2);
        assertThat(accessLines().get(0).getFormattedMessage())
                .matches("method=POST path=/graphql status=401 durationMs=\\d+ operation=OrganizationName"
                        + " operationType=query caller=anonymous organization=-");
        assertThat(accessLines().get(0).getMDCPropertyMap()).containsEntry("requestId", a);
    }

    @Test
    void theAccessLogNeverHoldsTheQueryStringOrAnEmail() throws Exception {
        String query = URLEncoder.encode(QUERY, StandardCharsets.UTF_8);
        String variables = URLEncoder.encode("{\"id\":\"alice@example.com\"}", StandardCharsets.UTF_8);
        HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(server.getURL() + "/graphql?query=" + query + "&variables=" + variables))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accessLines())
                .singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage())
                        .startsWith("method=GET path=/graphql status=")
                        .doesNotContain("example.com")
                        .doesNotContain("query="));
    }

    @ParameterizedTest
    @CsvSource({"text/plain, {}, 415", "application/json, {\"query\": , 400", "application/json, oversized, 413"})
    void refusalsAtTheEdgeCarryTheIdToo(String contentType, String body, int status) throws Exception {
        String sent = body.equals("oversized") ? "{\"query\":\"" + "x".repeat(300_000) + "\"}" : body;
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .header("Content-Type", contentType)
                        .header("X-Request-Id", "edge-" + status)
                        .POST(HttpRequest.BodyPublishers.ofString(sent))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("edge-" + status);
        assertThat(Fixtures.JSON
                        .readTree(response.body())
                        .at("/errors/0/extensions/requestId")
                        .asText())
                .isEqualTo("edge-" + status);
        assertThat(accessLines())
                .singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage())
                        .startsWith("method=POST path=/graphql status=" + status + " "));
    }

    @Test
    void successfulProbesAreNotLoggedButHaveAnId() throws Exception {
        HealthProbes.stubProbeAnswered();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/health/liveness"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(accessLines()).isEmpty();
    }
}
