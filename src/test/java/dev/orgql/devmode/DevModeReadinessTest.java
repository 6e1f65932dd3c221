package dev.orgql.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness against the stand-in, which plays Logto independently of the gateway: its 404 for an unknown
 * organization id is the answer the Management API probe counts on, and it serves the JWKS.
 */
class DevModeReadinessTest {
    @Test
    void readyAgainstTheStandIn() throws Exception {
        int logtoPort;
        try (ServerSocket s = new ServerSocket(0)) {
            logtoPort = s.getLocalPort();
        }
        try (EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "orgql.dev.logto-port",
                        logtoPort,
                        "micronaut.server.port",
                        -1,
                        "micronaut.security.enabled",
                        false,
                        "endpoints.health.details-visible",
                        "ANONYMOUS"),
                "dev")) {
            HttpResponse<String> readiness = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.getURI().resolve("/health/readiness"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, readiness.statusCode(), readiness.body());
        }
    }
}
