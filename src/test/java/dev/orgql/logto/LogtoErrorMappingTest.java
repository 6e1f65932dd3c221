package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logto's errors reach the client as GraphQL errors with a code, and Logto's own code beside it. */
@MicronautTest
class LogtoErrorMappingTest extends GatewayTest {
    private static final String READER = "read:data";

    @Test
    void unknownOrganizationIsNotFoundWithLogtosCode() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(
                        404,
                        Fixtures.recordedBody("24-get-organization-not-found.json")
                                .toString())));

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, READER), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().get("organization").isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(answer.firstError().at("/extensions/logtoCode").asText()).isEqualTo("entity.not_exists_with_id");
        assertThat(answer.firstError().at("/path/0").asText()).isEqualTo("organization");
        // Messages are read in one language: some refusals differ only in their message.
        assertThat(LogtoMock.apiCalls().get(0).getHeader("Accept-Language")).isEqualTo("en");
    }

    @Test
    void routeLevelPlainTextNotFoundIsStillNotFound() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/plain; charset=utf-8")
                        .withBody("Not Found")));

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, READER), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void serverErrorWithoutCodeIsUpstreamError() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(
                        500, Fixtures.load("errors/500.internal.json").toString())));

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, READER), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(answer.firstError().at("/extensions/logtoStatus").asInt()).isEqualTo(500);
    }

    @Test
    void unreachableLogtoIsUpstreamError() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(
                        aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, READER), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        assertThat(answer.firstError().get("message").asText()).contains("Logto could not be reached");
    }

    @Test
    void refusedManagementTokenIsRetriedOnceWithAFreshToken() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .inScenario("expired")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(LogtoMock.error(401, "401.auth.unauthorized.json"))
                .willSetStateTo("refreshed"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .inScenario("expired")
                .whenScenarioStateIs("refreshed")
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, READER), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
        assertThat(LogtoMock.server().findAll(WireMock.postRequestedFor(urlPathEqualTo("/oidc/token"))))
                .hasSizeGreaterThanOrEqualTo(1);
        assertThat(LogtoMock.apiCalls()).hasSize(2);
    }

    @Test
    void unknownFieldsFromNewerLogtoAreIgnored() {
        var org = Fixtures.organization(Ids.ORG_A, "Acme");
        org.put("isTrustedDeviceAllowed", true).putObject("somethingNew").put("x", 1);
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A)).willReturn(LogtoMock.json(org)));

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, READER), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/customData/plan").asText()).isEqualTo("pro");
        assertThat(answer.data().at("/organization/createdAt").asText()).isEqualTo("2026-11-22T11:55:40.814Z");
    }

    @Test
    void rateLimitCarriesLogtosRetryAfter() {
        // No recording holds a 429 of the Management API; the body is the shape of Logto's other errors.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "7")
                        .withBody("{\"message\":\"Too many requests\",\"code\":\"request.rate_limited\"}")));

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, READER), operation("organization"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(answer.firstError().at("/extensions/retryAfterSeconds").asLong())
                .isEqualTo(7);
    }

    @Test
    void retryAfterReadsSecondsAndDatesAndIgnoresTheRest() {
        assertThat(RetryAfter.parse("12")).hasSeconds(12);
        assertThat(RetryAfter.parse("-1")).isNull();
        assertThat(RetryAfter.parse("soon")).isNull();
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(RetryAfter.parse("999999")).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.seconds(java.time.Duration.ofMillis(1500))).isEqualTo(2);
    }
}
