package dev.orgql.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logto's webhook deliveries, as recorded from v1.37.1 and v1.42.0 (fixtures/webhooks, taken from
 * ../shared/logto/recorded/webhooks): each is accepted with its hook's key, anything else is 401 and
 * invalidates nothing, and a template event makes the next query read the template again.
 */
@MicronautTest
class WebhookTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonNode V137 = load("v1.37.1");
    static final JsonNode V142 = load("v1.42.0");

    @Override
    protected Map<String, String> extraProperties() {
        // Both servers' hooks deliver to this gateway: two keys, as during a key rotation.
        return Map.of(
                "orgql.webhooks.signing-keys",
                V137.get("signingKey").asText() + "," + V142.get("signingKey").asText());
    }

    @BeforeEach
    void stubTemplate() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }

    static Stream<JsonNode> recordedDeliveries() {
        List<JsonNode> all = new ArrayList<>();
        V137.get("deliveries").forEach(all::add);
        V142.get("deliveries").forEach(all::add);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedDeliveries")
    void everyRecordedDeliveryIsAcceptedWithoutCallingLogto(JsonNode delivery) {
        int status =
                post(delivery.get("rawBody").asText(), delivery.get("signature").asText());

        assertThat(status).isEqualTo(204);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void aTemplateEventMakesTheNextQueryReadTheTemplateAgain() {
        String ada = userToken(Ids.ALICE, "");
        graphql(ada, operation("templateRoleIds"));
        graphql(ada, operation("templateRoleIds"));
        assertThat(templateReads()).isEqualTo(1);

        assertThat(post(delivery(V142, "OrganizationRole.Scopes.Updated.add-organization-role-scopes.json")))
                .isEqualTo(204);
        graphql(ada, operation("templateRoleIds"));

        assertThat(templateReads()).isEqualTo(2);
    }

    @Test
    void refusedDeliveriesInvalidateNothing() {
        String ada = userToken(Ids.ALICE, "");
        graphql(ada, operation("templateRoleIds"));
        JsonNode scopesUpdated = delivery(V137, "OrganizationRole.Scopes.Updated.add-organization-role-scopes.json");
        String body = scopesUpdated.get("rawBody").asText();
        String signature = scopesUpdated.get("signature").asText();

        // A byte changed, no header, another key's signature, not hex, upper-case of a wrong one, empty body.
        assertThat(post(body.replace("Scopes", "Scopez"), signature)).isEqualTo(401);
        assertThat(post(body, null)).isEqualTo(401);
        assertThat(post(body, WebhookSignature.sign("some other key", body.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(401);
        assertThat(post(body, "z".repeat(64))).isEqualTo(401);
        assertThat(post(body, signature.substring(1) + "0")).isEqualTo(401);
        assertThat(post("", signature)).isEqualTo(401);
        graphql(ada, operation("templateRoleIds"));

        assertThat(templateReads()).isEqualTo(1);
    }

    @Test
    void aSignedBodyThatIsNotJsonIs400() {
        String key = V142.get("signingKey").asText();
        String body = "not json";

        assertThat(post(body, WebhookSignature.sign(key, body.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(400);
    }

    @Test
    void theSignatureIsCheckedOnTheRawBytes() {
        // Logto signs the string it sends; a body that parses to the same JSON with other bytes is refused.
        JsonNode delivery = delivery(V142, "Organization.Deleted.delete-organization.json");
        String reformatted = delivery.get("rawBody").asText().replace(",", ", ");

        assertThat(post(reformatted, delivery.get("signature").asText())).isEqualTo(401);
    }

    private static long templateReads() {
        return LogtoMock.calls().stream()
                .filter(c -> c.startsWith("GET /api/organization-roles"))
                .count();
    }

    static JsonNode delivery(JsonNode recorded, String file) {
        for (JsonNode delivery : recorded.get("deliveries")) {
            if (delivery.get("file").asText().equals(file)) {
                return delivery;
            }
        }
        throw new IllegalArgumentException("No recorded delivery " + file);
    }

    private int post(JsonNode delivery) {
        return post(delivery.get("rawBody").asText(), delivery.get("signature").asText());
    }

    int post(String body, String signature) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/webhooks/logto"))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Logto (https://logto.io/)")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (signature != null) {
                request.header("logto-signature-sha-256", signature);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode load(String version) {
        try (InputStream in = WebhookTest.class.getResourceAsStream("/fixtures/webhooks/" + version + ".json")) {
            return Fixtures.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
