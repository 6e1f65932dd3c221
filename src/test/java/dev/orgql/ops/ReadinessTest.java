package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.orgql.ops.HealthProbes.fetch;
import static dev.orgql.ops.HealthProbes.jwksCalls;
import static dev.orgql.ops.HealthProbes.probeCalls;
import static dev.orgql.ops.HealthProbes.stubProbeAnswered;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.orgql.auth.AuthClock;
import dev.orgql.ops.HealthProbes.MovableClock;
import dev.orgql.ops.HealthProbes.Reply;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code /health/readiness} follows Logto: 503 naming the failing check while the token endpoint, the
 * Management API or the JWKS fails, 200 again once it answers; {@code /health/liveness} stays 200. Details
 * are shown here because this class allows them ({@code ORGQL_HEALTH_DETAILS_VISIBLE=ANONYMOUS});
 * {@link HealthDefaultsTest} shows they are hidden by default. Probe caching is moved past with the
 * gateway's clock, never waited for.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessTest extends GatewayTest {
    private static final Duration PROBE_CACHE = Duration.ofMinutes(1);
    private static final Duration JWKS_MAX_AGE = Duration.ofHours(1);
    private final MovableClock clock = new MovableClock();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "endpoints.health.details-visible",
                "ANONYMOUS",
                "orgql.health.logto-probe-cache",
                PROBE_CACHE.toSeconds() + "s",
                "orgql.health.jwks-max-age",
                JWKS_MAX_AGE.toSeconds() + "s",
                "orgql.jwks-min-refresh-interval",
                "10s",
                // The token endpoint's backoff (logto.TokenEndpointOutageTest) out of the way: here the
                // probe right after the token endpoint recovers must fetch a token.
                "orgql.upstream.token.initial-backoff",
                "1ms",
                "orgql.upstream.token.max-backoff",
                "1ms");
    }

    @MockBean(AuthClock.class)
    AuthClock clock() {
        return clock;
    }

    private Reply readiness() {
        return fetch(server.getURL().toString(), "/health/readiness");
    }

    private Reply liveness() {
        return fetch(server.getURL().toString(), "/health/liveness");
    }

    private void pastTheProbeCache() {
        clock.advance(PROBE_CACHE.plusSeconds(1));
    }

    @Test
    @Order(1)
    void tokenEndpointFailingMeansNotReadyUntilItAnswers() {
        // First of all: the gateway has not fetched its machine-to-machine token yet.
        stubProbeAnswered();
        LogtoMock.stub(
                post(urlPathEqualTo("/oidc/token")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Reply down = readiness();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body()
                        .path("details")
                        .path("logtoManagementApi")
                        .path("status")
                        .asText())
                .isEqualTo("DOWN");
        assertThat(down.body().path("details").path("logtoJwks").path("status").asText())
                .isEqualTo("UP");
        assertThat(probeCalls()).as("no Management API call without a token").isZero();
        assertThat(liveness().status()).isEqualTo(200);

        LogtoMock.reset();
        stubProbeAnswered();
        pastTheProbeCache();
        Reply up = readiness();
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body().path("status").asText()).isEqualTo("UP");
        assertThat(up.body()
                        .path("details")
                        .path("logtoManagementApi")
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(probeCalls()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void probesWithinTheCacheMakeNoUpstreamCall() {
        stubProbeAnswered();
        pastTheProbeCache();
        for (int i = 0; i < 5; i++) {
            assertThat(readiness().status()).isEqualTo(200);
        }
        assertThat(probeCalls()).isEqualTo(1);
        assertThat(jwksCalls()).as("the keys held are fresh enough").isZero();
        assertThat(LogtoMock.allCalls()).hasSize(1);
    }

    @Test
    @Order(3)
    void managementApiFailingMeansNotReadyUntilItAnswers() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(HealthProbes.PROBE_PATH))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        pastTheProbeCache();
        Reply reset = readiness();
        assertThat(reset.status()).isEqualTo(503);
        assertThat(reset.body()
                        .path("details")
                        .path("logtoManagementApi")
                        .path("status")
                        .asText())
                .isEqualTo("DOWN");
        assertThat(liveness().status()).isEqualTo(200);

        LogtoMock.stub(WireMock.get(urlPathEqualTo(HealthProbes.PROBE_PATH))
                .willReturn(LogtoMock.error(500, "500.internal.json")));
        pastTheProbeCache();
        Reply error = readiness();
        assertThat(error.status()).isEqualTo(503);
        assertThat(error.body().path("details").path("logtoManagementApi").toString())
                .contains("HTTP 500");

        LogtoMock.reset();
        stubProbeAnswered();
        pastTheProbeCache();
        assertThat(readiness().status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aNotFoundThatIsNotLogtosIsNotReady() {
        // Something else on Logto's address (here WireMock without a stub) also answers 404, but without
        // Logto's entity.not_exists_with_id: that proves nothing about the Management API.
        pastTheProbeCache();
        Reply down = readiness();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().path("details").path("logtoManagementApi").toString())
                .contains("HTTP 404");
    }

    @Test
    @Order(5)
    void staleKeysThatCannotBeFetchedAgainMeanNotReady() {
        stubProbeAnswered();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        clock.advance(JWKS_MAX_AGE.plusSeconds(1));
        Reply down = readiness();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().path("details").path("logtoJwks").path("status").asText())
                .isEqualTo("DOWN");
        assertThat(down.body()
                        .path("details")
                        .path("logtoManagementApi")
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        // One fetch, of three attempts: a reset is retried (orgql.upstream.retry.max-attempts).
        assertThat(jwksCalls()).isEqualTo(3);
        assertThat(liveness().status()).isEqualTo(200);

        LogtoMock.reset();
        stubProbeAnswered();
        clock.advance(Duration.ofSeconds(11)); // past the JWKS rate limit
        assertThat(readiness().status()).isEqualTo(200);
        assertThat(jwksCalls()).isEqualTo(1);
    }
}
