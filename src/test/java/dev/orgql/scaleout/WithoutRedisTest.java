package dev.orgql.scaleout;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.logto.SharedReadStore;
import dev.orgql.support.Fixtures;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.lettuce.core.RedisClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without redis.uri nothing of Redis exists: no client, no connection, no second level, no health entry. */
@MicronautTest
class WithoutRedisTest extends GatewayTest {
    @Inject
    ApplicationContext context;

    @Inject
    SharedReadStore store;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("endpoints.health.details-visible", "ANONYMOUS");
    }

    @Test
    void noRedisBeanAndTheStoreKeepsNothing() {
        assertThat(context.containsBean(RedisClient.class)).isFalse();
        assertThat(context.containsBean(RedisLink.class)).isFalse();
        assertThat(context.containsBean(ChangeRelay.class)).isFalse();
        assertThat(store.enabled()).isFalse();
        assertThat(store).isNotInstanceOf(RedisSharedReadStore.class);
    }

    @Test
    void healthHasNoRedisEntryAndStaysUp() throws Exception {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/orgql-readiness-probe"))
                .willReturn(LogtoMock.json(
                        404,
                        Fixtures.recordedBody("24-get-organization-not-found.json")
                                .toString())));
        for (String path : new String[] {"/health", "/health/readiness"}) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.getURL() + path))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode body = Fixtures.JSON.readTree(response.body());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(body.path("status").asText()).as(path + ": " + body).isEqualTo("UP");
            assertThat(body.path("details").has("redis")).as(path + ": " + body).isFalse();
        }
    }
}
