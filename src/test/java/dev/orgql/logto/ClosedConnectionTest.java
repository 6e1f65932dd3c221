package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * Logto closes idle keep-alive connections 6 s after its last answer (recordings, case 56): the pool
 * lets connections go before that, and a read whose connection closed before any answer is sent once
 * more; a write is not.
 */
@MicronautTest
class ClosedConnectionTest extends GatewayTest {
    private static final String ORG_PATH = "/api/organizations/" + Ids.ORG_A;

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
    void aReadIsSentAtMostTwice() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .willReturn(WireMock.aResponse().withFault(Fault.EMPTY_RESPONSE)));

        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.data().get("organization").isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(LogtoMock.calls()).containsExactly("GET " + ORG_PATH, "GET " + ORG_PATH);
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
