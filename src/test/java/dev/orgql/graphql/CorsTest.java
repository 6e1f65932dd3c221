package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Browser frontends call the gateway directly: only the origins the operator configured get CORS
 * answers. Without configuration no origin does (production); dev mode allows localhost (DevModeTest).
 */
class CorsTest {
    private static final String CORS = "micronaut.server.cors.configurations.web.";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, Object> gateway(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("logto.endpoint", "http://127.0.0.1:9");
        properties.put("logto.m2m-app-id", "app");
        properties.put("logto.m2m-app-secret", "secret");
        properties.put("orgql.api-resource", "https://api.example.com");
        properties.put("micronaut.server.port", "-1");
        properties.putAll(extra);
        return properties;
    }

    /** The Access-Control-Allow-Origin a preflight from each origin gets, in order. */
    private static List<Optional<String>> allowed(Map<String, Object> settings, String... origins) throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, gateway(settings))) {
            List<Optional<String>> answers = new java.util.ArrayList<>();
            for (String origin : origins) {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", origin)
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "authorization,content-type")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                answers.add(response.headers().firstValue("Access-Control-Allow-Origin"));
            }
            return answers;
        }
    }

    @Test
    void productionAllowsNoOriginByDefault() throws Exception {
        assertThat(allowed(
                        Map.of(), "http://localhost:5173", "http://127.0.0.1:3000", "https://evil.example.com", "null"))
                .containsOnly(Optional.empty());
    }

    @Test
    void emptySettingsAllowNoOrigin() throws Exception {
        // Micronaut reads "no origins configured" as "any origin": empty values must not fall into that.
        assertThat(allowed(
                        Map.of(CORS + "allowed-origins", "", CORS + "allowed-origins-regex", ""),
                        "http://localhost:5173",
                        "https://evil.example.com"))
                .containsOnly(Optional.empty());
    }

    @Test
    void configuredOriginsAreAllowedExactly() throws Exception {
        assertThat(allowed(
                        Map.of(CORS + "allowed-origins", "https://app.example.com,https://admin.example.com"),
                        "https://app.example.com",
                        "https://admin.example.com",
                        "https://app.example.com.evil.net",
                        "http://localhost:5173"))
                .containsExactly(
                        Optional.of("https://app.example.com"),
                        Optional.of("https://admin.example.com"),
                        Optional.empty(),
                        Optional.empty());
    }

    @Test
    void configuredRegexIsAllowed() throws Exception {
        assertThat(allowed(
                        Map.of(CORS + "allowed-origins-regex", "^https://[a-z]+\\.example\\.com$"),
                        "https://app.example.com",
                        "https://evil.example.org"))
                .containsExactly(Optional.of("https://app.example.com"), Optional.empty());
    }
}
