package dev.orgql.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orgql.logto.ReadCaches;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the black-box tests: the gateway runs on a random port against {@link LogtoMock}; tests
 * POST GraphQL to {@code /graphql} over real HTTP and look at the answer and at the calls Logto saw.
 * Subclasses are {@code @MicronautTest} classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatewayTest implements TestPropertyProvider {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    protected EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("logto.endpoint", LogtoMock.endpoint());
        properties.put("logto.m2m-app-id", LogtoMock.M2M_APP_ID);
        properties.put("logto.m2m-app-secret", LogtoMock.M2M_APP_SECRET);
        properties.put("orgql.api-resource", TestTokens.API_RESOURCE);
        properties.putAll(extraProperties());
        return properties;
    }

    /** Settings a test class changes, such as the scope policy. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @BeforeEach
    void resetLogto() throws InterruptedException {
        awaitUpstreamQuiet();
        LogtoMock.reset();
        // Each case starts with empty read caches, as it starts with a fresh Logto.
        server.getApplicationContext().findBean(ReadCaches.class).ifPresent(ReadCaches::invalidateAll);
    }

    /**
     * Waits until the gateway has no Management API call in flight. A query ended early (an unknown
     * organization) answers while reads started alongside it are still queued; they are cancelled, but one
     * already leaving would otherwise land in the next case's journal and fail its call count.
     */
    private void awaitUpstreamQuiet() throws InterruptedException {
        Gauge inFlight = server.getApplicationContext()
                .findBean(MeterRegistry.class)
                .map(registry -> registry.find("orgql.upstream.in.flight").gauge())
                .orElse(null);
        if (inFlight == null || inFlight.value() == 0) {
            return;
        }
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (inFlight.value() > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        // A cancelled call counts as done at once; what its connection had begun to send lands just after.
        Thread.sleep(50);
    }

    /** The answer to one GraphQL request: HTTP status and JSON body. */
    public record Answer(int status, JsonNode body) {
        public JsonNode data() {
            return body.get("data");
        }

        public JsonNode errors() {
            return body.get("errors");
        }

        public JsonNode firstError() {
            return body.path("errors").path(0);
        }

        public String errorCode() {
            return firstError().path("extensions").path("code").asText(null);
        }
    }

    protected Answer graphql(String token, String query) {
        return graphql(token, query, Map.of());
    }

    protected Answer graphql(String token, String query, Map<String, Object> variables) {
        try {
            ObjectNode body = Fixtures.JSON.createObjectNode();
            body.put("query", query);
            body.set("variables", Fixtures.JSON.valueToTree(variables));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (token != null) {
                request.header(
                        "Authorization",
                        token.startsWith("Bearer ") || token.contains(" ") ? token : "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), Fixtures.JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same POST as {@link #graphql}, sent without waiting: for requests held in flight while a test goes on. */
    protected CompletableFuture<HttpResponse<String>> graphqlAsync(
            String token, String query, Map<String, Object> variables) {
        JsonNode body = Fixtures.JSON.valueToTree(Map.of("query", query, "variables", variables));
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (boundedly) until WireMock holds {@code count} calls: it logs a request before delaying its answer. */
    protected static void awaitLogtoCalls(int count) throws InterruptedException {
        for (int i = 0; i < 1000 && LogtoMock.apiCalls().size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(LogtoMock.apiCalls()).hasSize(count);
    }

    /** An operation kept as a {@code .graphql} file under {@code src/test/resources/operations}. */
    public static String operation(String name) {
        try (InputStream in = GatewayTest.class.getResourceAsStream("/operations/" + name + ".graphql")) {
            if (in == null) {
                throw new IllegalArgumentException("No operation " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected String orgToken(String userId, String organizationId, String scopes) {
        return TestTokens.organizationToken(LogtoMock.issuer(), userId, organizationId, scopes);
    }

    protected String userToken(String userId, String scopes) {
        return TestTokens.userToken(LogtoMock.issuer(), userId, scopes);
    }
}
