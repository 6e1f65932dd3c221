package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logto closes idle keep-alive connections 6 s after its last answer (recordings, case 56): the pool
 * lets connections go before that, and a read whose connection closed before any answer is sent again;
 * a write is not. Reads are retried the same way on resets, 502/503/504 and 429, at most
 * {@code orgql.upstream.retry.max-attempts} (3) times in all, honouring {@code Retry-After} when it
 * fits the request's deadline. The error bodies of these statuses are not in the recordings (Logto
 * answers them from its proxy or rate limiter); their bodies do not matter to the gateway.
 */
@MicronautTest
class ClosedConnectionTest extends GatewayTest {
    private static final String ORG_PATH = "/api/organizations/" + Ids.ORG_A;

    @Override
    protected Map<String, String> extraProperties() {
        // Backoffs short enough to keep the suite fast; the breaker out of the way (UpstreamBreakerTest).
        return Map.of(
                "orgql.upstream.retry.initial-backoff", "1ms",
                "orgql.upstream.retry.max-backoff", "5ms",
                "orgql.upstream.breaker.minimum-calls", "1000",
                "orgql.upstream.breaker.sliding-window", "1000");
    }

    @Inject
    @Named("logto")
    HttpClientConfiguration logtoClient;

    @Test
    void pooledConnectionsAreDroppedBeforeLogtoClosesThem() {
        // Logto announces `Keep-Alive: timeout=5` and closes at 6.0 s.
        assertThat(logtoClient.getConnectionPoolIdleTimeout()).contains(Duration.ofSeconds(4));
    }

    @Test
    void aReadWhoseConnectionClosedBeforeTheAnswerIsSentOnceMore() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .inScenario("idle close")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.aResponse().withFault(Fault.EMPTY_RESPONSE))
                .willSetStateTo("reconnected"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .inScenario("idle close")
                .whenScenarioStateIs("reconnected")
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));

        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH, "GET " + ORG_PATH);
    }

    @Test
    void aReadIsSentAtMostMaxAttemptsTimes() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .willReturn(WireMock.aResponse().withFault(Fault.EMPTY_RESPONSE)));

        Answer answer = readOrganization();

        assertThat(answer.data().get("organization").isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH, "GET " + ORG_PATH, "GET " + ORG_PATH);
    }

    static Stream<Arguments> transientFailures() {
        return Stream.of(
                Arguments.of("connection reset", WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("502", LogtoMock.json(502, "{}")),
                Arguments.of("503", LogtoMock.json(503, "{}")),
                Arguments.of("504", LogtoMock.json(504, "{}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFailures")
    void aReadThatFailsTwiceThenRecoversIsAnswered(String fault, ResponseDefinitionBuilder failure) {
        failsThenRecovers(2, failure);

        Answer answer = readOrganization();

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH, "GET " + ORG_PATH, "GET " + ORG_PATH);
    }

    @Test
    void aReadAnswered500IsNotRetried() {
        // 500 is Logto's own bug or a failed query: sending it again would fail the same way.
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH)).willReturn(LogtoMock.error(500, "500.internal.json")));

        Answer answer = readOrganization();

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH);
    }

    @Test
    void aRateLimitedReadWaitsForRetryAfterWhenItFitsTheDeadline() {
        failsThenRecovers(
                1, LogtoMock.error(429, "429.request.message_rate_limited.json").withHeader("Retry-After", "1"));

        Answer answer = readOrganization();

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH, "GET " + ORG_PATH);
    }

    @Test
    void aRateLimitedReadGivesUpAtOnceWhenRetryAfterIsBeyondTheDeadline() {
        // The deadline is 10 s: waiting a minute would only end in a timeout. The client is told when.
        failsThenRecovers(
                1, LogtoMock.error(429, "429.request.message_rate_limited.json").withHeader("Retry-After", "60"));

        Answer answer = readOrganization();

        assertThat(answer.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(answer.firstError().at("/extensions/retryAfterSeconds").asLong())
                .isEqualTo(60);
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH);
    }

    @Test
    void anUnavailableReadHonoursRetryAfterToo() {
        failsThenRecovers(1, LogtoMock.json(503, "{}").withHeader("Retry-After", "120"));

        Answer answer = readOrganization();

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(answer.firstError().at("/extensions/retryAfterSeconds").asLong())
                .isEqualTo(120);
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH);
    }

    @Test
    void aWriteAnswered503IsNotResent() {
        LogtoMock.stub(WireMock.patch(urlPathEqualTo(ORG_PATH)).willReturn(LogtoMock.json(503, "{}")));

        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization"),
                operation("updateOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "name", "Renamed")));

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.writes()).containsExactly("PATCH " + ORG_PATH);
    }

    private Answer readOrganization() {
        return graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("organization"), Map.of("id", Ids.ORG_A));
    }

    /** The organization read fails {@code times} times with {@code failure}, then answers. */
    private static void failsThenRecovers(int times, ResponseDefinitionBuilder failure) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = "failed " + i;
            LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                    .inScenario("recovers")
                    .whenScenarioStateIs(state)
                    .willReturn(failure)
                    .willSetStateTo(next));
            state = next;
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .inScenario("recovers")
                .whenScenarioStateIs(state)
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
    }

    @Test
    void aWriteWhoseConnectionClosedIsNotResent() {
        LogtoMock.stub(WireMock.patch(urlPathEqualTo(ORG_PATH))
                .willReturn(WireMock.aResponse().withFault(Fault.EMPTY_RESPONSE)));

        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization"),
                operation("updateOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "name", "Renamed")));

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.writes()).containsExactly("PATCH " + ORG_PATH);
    }
}
