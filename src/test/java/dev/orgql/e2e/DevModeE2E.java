package dev.orgql.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orgql.devmode.DevLogto;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the end-to-end tests: the gateway in dev mode (subclasses are
 * {@code @MicronautTest(environments = "dev")}) on a random port, talking over real HTTP to the embedded
 * Logto stand-in on a free loopback port, exactly as {@code ./mvnw mn:run -Dmicronaut.environments=dev} runs.
 * Tests reach the gateway over real HTTP too. Nothing is mocked; the WireMock tests remain the place for
 * exact upstream call counts and failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DevModeE2E implements TestPropertyProvider {
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected DevLogto devLogto;

    @Override
    public Map<String, String> getProperties() {
        int logtoPort = freePort();
        return Map.of(
                "orgql.dev.logto-port",
                String.valueOf(logtoPort),
                "logto.endpoint",
                "http://127.0.0.1:" + logtoPort,
                "micronaut.server.port",
                "-1");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One GraphQL answer: HTTP status and JSON body. */
    public record Answer(int status, JsonNode body) {
        public JsonNode data() {
            return body.path("data");
        }

        public JsonNode errors() {
            return body.path("errors");
        }

        public String errorCode() {
            return body.path("errors").path(0).path("extensions").path("code").asText(null);
        }
    }

    /** An operation kept as a {@code .graphql} file under {@code src/test/resources/operations}. */
    protected static String operation(String name) {
        return dev.orgql.support.GatewayTest.operation(name);
    }

    protected Answer graphql(String token, String query) {
        return graphql(token, query, Map.of());
    }

    protected Answer graphql(String token, String query, Map<String, Object> variables) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build());
        return new Answer(response.statusCode(), read(response.body()));
    }

    /** GET on the gateway, as a browser or script would. */
    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** The dev tokens endpoint's entry for one sample user (user token, organization tokens). */
    protected JsonNode devTokens(String userId) {
        HttpResponse<String> response = get("/dev/tokens.json?user=" + userId);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "/dev/tokens.json answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body()).path("users").path(0);
    }

    protected URI uri(String path) {
        return URI.create(server.getURL() + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
