package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Management API's circuit breaker: after sustained failures (here 4 of the last 4 calls) calls
 * fail at once as UPSTREAM_UNAVAILABLE, telling the client when to retry, with no call made, and
 * readiness is DOWN naming the breaker; half-open, one probe decides. Answers about the request (404)
 * never open it. The wait in open state is an hour: the test moves the breaker to half-open itself
 * instead of waiting. Retries are off, so each request is one call.
 */
@MicronautTest
class UpstreamBreakerTest extends GatewayTest {
    private static final String ORG_PATH = "/api/organizations/" + Ids.ORG_A;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    UpstreamBreakers breakers;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.upstream.retry.max-attempts", "1",
                "orgql.upstream.breaker.minimum-calls", "4",
                "orgql.upstream.breaker.sliding-window", "4",
                "orgql.upstream.breaker.failure-rate-threshold", "50",
                "orgql.upstream.breaker.wait-in-open", "1h",
                "orgql.upstream.breaker.half-open-calls", "1",
                "endpoints.health.details-visible", "ANONYMOUS",
                // Every readiness request probes anew: no answer cached from an earlier test.
                "orgql.health.logto-probe-cache", "1ms");
    }

    @BeforeEach
    void closeBreakers() {
        breakers.all().values().forEach(CircuitBreaker::reset);
    }

    @Test
    void sustainedFailuresOpenTheBreakerThenNothingIsSent() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH)).willReturn(LogtoMock.json(503, "{}")));
        for (int i = 0; i < 2; i++) {
            assertThat(readOrganization().errorCode()).isEqualTo("UPSTREAM_ERROR");
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        for (int i = 0; i < 2; i++) {
            assertThat(readOrganization().errorCode()).isEqualTo("UPSTREAM_ERROR");
        }
        assertThat(LogtoMock.calls()).hasSize(4);
        assertThat(breakers.managementApi().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        LogtoMock.clearJournal();

        for (int i = 0; i < 5; i++) {
            Answer answer = readOrganization();
            assertThat(answer.errorCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(answer.firstError().at("/extensions/retryAfterSeconds").asLong())
                    .isBetween(3500L, 3600L);
        }
        assertThat(LogtoMock.calls()).isEmpty();

        HttpResponse<String> readiness = readiness();
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body().replace(" ", "")).contains("\"logtoManagementApi\":\"OPEN\"");
    }

    @Test
    void aHalfOpenBreakerClosesWhenItsProbeIsAnswered() {
        openBreaker();
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        breakers.managementApi().transitionToHalfOpenState();

        Answer answer = readOrganization();

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH);
        assertThat(breakers.managementApi().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(readOrganization().errors()).isNull();
        // The Management API check's own probe (ops.LogtoManagementApiHealth), answered as Logto does.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/orgql-readiness-probe"))
                .willReturn(LogtoMock.error(404, "404.entity.not_exists_with_id.json")));
        HttpResponse<String> ready = readiness();
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    @Test
    void aHalfOpenBreakerOpensAgainWhenItsProbeFails() {
        openBreaker();
        breakers.managementApi().transitionToHalfOpenState();

        assertThat(readOrganization().errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH);
        assertThat(breakers.managementApi().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThat(readOrganization().errorCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH);
    }

    @Test
    void answersAboutTheRequestNeverOpenIt() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .willReturn(LogtoMock.error(404, "404.entity.not_exists_with_id.json")));

        for (int i = 0; i < 8; i++) {
            assertThat(readOrganization().errorCode()).isEqualTo("NOT_FOUND");
        }

        assertThat(LogtoMock.calls()).hasSize(8);
        assertThat(breakers.managementApi().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** Four failed reads; the journal is cleared after them. */
    private void openBreaker() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH)).willReturn(LogtoMock.json(502, "{}")));
        for (int i = 0; i < 4; i++) {
            readOrganization();
        }
        assertThat(breakers.managementApi().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        LogtoMock.clearJournal();
    }

    private Answer readOrganization() {
        return graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("organization"), Map.of("id", Ids.ORG_A));
    }

    private HttpResponse<String> readiness() {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.getURL() + "/health/readiness"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
