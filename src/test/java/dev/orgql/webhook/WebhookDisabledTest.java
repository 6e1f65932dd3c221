package dev.orgql.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Without a signing key nothing is trusted: even a validly signed delivery gets 404. */
@MicronautTest
class WebhookDisabledTest extends GatewayTest {
    @Test
    void withoutAKeyTheEndpointIsNotThere() throws Exception {
        JsonNode delivery = WebhookTest.delivery(
                WebhookTest.V142, "OrganizationRole.Scopes.Updated.add-organization-role-scopes.json");

        int status = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "/webhooks/logto"))
                                .header("Content-Type", "application/json")
                                .header(
                                        "logto-signature-sha-256",
                                        delivery.get("signature").asText())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        delivery.get("rawBody").asText()))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();

        assertThat(status).isEqualTo(404);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }
}
