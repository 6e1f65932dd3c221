package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.orgql.ops.HealthProbes.fetch;
import static dev.orgql.ops.HealthProbes.stubProbeAnswered;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.orgql.ops.HealthProbes.Reply;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The health endpoints as deployed by default: on the gateway's port, no token needed, the answer only
 * UP or DOWN (which check failed is logged, not shown to anonymous callers), and no other management
 * endpoint (beans, env, loggers ...) exposed.
 */
@MicronautTest
class HealthDefaultsTest extends GatewayTest {
    @Override
    protected Map<String, String> extraProperties() {
        // Every probe asks Logto, so that a failure shows at once.
        return Map.of("orgql.health.logto-probe-cache", "0s");
    }

    private Reply health(String path) {
        return fetch(server.getURL().toString(), path);
    }

    @Test
    void readyAndLiveWithoutAToken() {
        stubProbeAnswered();
        Reply ready = health("/health/readiness");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().toString()).isEqualTo("{\"status\":\"UP\"}");
        Reply live = health("/health/liveness");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body().path("status").asText()).isEqualTo("UP");
        assertThat(health("/health").status()).isEqualTo(200);
    }

    @Test
    void notReadyHidesWhichCheckFailed() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(HealthProbes.PROBE_PATH))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Reply down = health("/health/readiness");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().toString()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(health("/health").status()).isEqualTo(503);
        assertThat(health("/health/liveness").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/beans", "/env", "/info", "/loggers", "/routes", "/threaddump", "/refresh", "/stop"})
    void noOtherManagementEndpoint(String path) {
        assertThat(health(path).status()).isEqualTo(404);
    }
}
