package dev.orgql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Logto's JWKS endpoint failing (HTTP 500, connection reset) or hanging. The keys the gateway holds keep
 * verifying tokens, with no JWKS call and no wait; tokens naming unknown keys cause at most one fetch
 * per interval, whatever its outcome. Time is moved forward by the test ({@link AuthClock}), never
 * waited for.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksOutageTest extends GatewayTest {
    private static final String QUERY = operation("organizationName");
    private static final Map<String, Object> VARIABLES = Map.of("id", Ids.ORG_A);
    private static final Duration INTERVAL = Duration.ofMinutes(10);
    /** Longer than any client timeout below: a request that waited for such a fetch would fail the test. */
    private static final int HANG_MS = 30_000;

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final MovableClock clock = new MovableClock();
    private int invented;

    @Inject
    AuthConfig config;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.jwks-min-refresh-interval",
                INTERVAL.toSeconds() + "s",
                // Longer than the WireMock delay: a hanging fetch stays in flight for the whole test.
                "orgql.jwks-fetch-timeout",
                "60s",
                "orgql.upstream.retry.initial-backoff",
                "1ms",
                "orgql.upstream.retry.max-backoff",
                "5ms");
    }

    @MockBean(AuthClock.class)
    AuthClock clock() {
        return clock;
    }

    @BeforeEach
    void stubOrganization() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
    }

    @Test
    @Order(1)
    void failedRefetchesKeepTheKeysAndAreRateLimited() {
        assertThat(graphql(validToken(), QUERY, VARIABLES).status()).isEqualTo(200);
        int before = jwksCalls();
        assertThat(before).isLessThanOrEqualTo(1);

        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .willReturn(LogtoMock.json(
                        500, Fixtures.load("errors/500.internal.json").toString())));
        clock.advance(INTERVAL.plusSeconds(1));
        for (int i = 0; i < 20; i++) {
            Answer answer = graphql(unknownKidToken(), QUERY, VARIABLES);
            // The key may exist (Logto could not be asked): not the token's fault, so 503, not 401.
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.errorCode()).isEqualTo("UPSTREAM_ERROR");
        }
        assertThat(jwksCalls()).isEqualTo(before + 1);
        for (int i = 0; i < 5; i++) {
            Answer answer = graphql(validToken(), QUERY, VARIABLES);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
        }
        assertThat(jwksCalls()).isEqualTo(before + 1);

        // The next interval: one more attempt, this time the connection is reset.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        clock.advance(INTERVAL.plusSeconds(1));
        for (int i = 0; i < 10; i++) {
            assertThat(graphql(unknownKidToken(), QUERY, VARIABLES).status()).isEqualTo(503);
        }
        assertThat(graphql(validToken(), QUERY, VARIABLES).status()).isEqualTo(200);
        // A reset is retried within the fetch (3 attempts in all); a 500 is not.
        assertThat(jwksCalls()).isEqualTo(before + 1 + 3);
    }

    @Test
    @Order(2)
    void aFetchThatFailsTwiceThenRecoversIsRetriedWithinItself() {
        String scenario = "jwks recovers";
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(LogtoMock.json(503, "{}"))
                .willSetStateTo("failed once"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .inScenario(scenario)
                .whenScenarioStateIs("failed once")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("recovered"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .inScenario(scenario)
                .whenScenarioStateIs("recovered")
                .willReturn(LogtoMock.json(200, TestTokens.jwks())));
        clock.advance(INTERVAL.plusSeconds(1));
        int before = jwksCalls();

        Answer answer = graphql(unknownKidToken(), QUERY, VARIABLES);

        // Logto's keys were had after all: the token's key is simply not among them.
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.firstError().get("message").asText()).contains("unknown kid");
        assertThat(jwksCalls()).isEqualTo(before + 3);
    }

    @Test
    @Order(3)
    void onceLogtoIsBackAnUnknownKidIsRefusedAsSuchAndStillRateLimited() {
        clock.advance(INTERVAL.plusSeconds(1));
        int before = jwksCalls();
        for (int i = 0; i < 5; i++) {
            Answer answer = graphql(unknownKidToken(), QUERY, VARIABLES);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.firstError().get("message").asText()).contains("unknown kid");
        }
        assertThat(jwksCalls()).isEqualTo(before + 1);
    }

    @Test
    @Order(4)
    void aHangingFetchIsCutOffByTheTimeout() throws Exception {
        Duration configured = config.getJwksFetchTimeout();
        config.setJwksFetchTimeout(Duration.ofSeconds(1));
        try {
            hangJwks();
            clock.advance(INTERVAL.plusSeconds(1));

            HttpResponse<String> response = send(unknownKidToken()).get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("no answer within 1000 ms");
        } finally {
            config.setJwksFetchTimeout(configured);
        }
    }

    /** Last: its fetch is still in flight when the test ends. */
    @Test
    @Order(5)
    void aHangingFetchNeverDelaysTokensWhoseKeyIsHeld() throws Exception {
        assertThat(graphql(validToken(), QUERY, VARIABLES).status()).isEqualTo(200);
        hangJwks();
        clock.advance(INTERVAL.plusSeconds(1));
        int before = jwksCalls();

        // Tokens naming unknown keys start one fetch, which hangs, and wait for it (single-flight).
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        waiting.add(send(unknownKidToken()));
        awaitJwksCalls(before + 1);
        for (int i = 0; i < 4; i++) {
            waiting.add(send(unknownKidToken()));
        }

        // Meanwhile a token whose key is held is answered, well within a client timeout shorter than the hang.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = send(validToken()).get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Fixtures.JSON
                            .readTree(response.body())
                            .at("/data/organization/name")
                            .asText())
                    .isEqualTo("Acme");
        }

        assertThat(waiting).noneMatch(CompletableFuture::isDone); // the fetch is still held open
        assertThat(jwksCalls()).isEqualTo(before + 1);
    }

    private static void hangJwks() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .willReturn(LogtoMock.json(200, TestTokens.jwks()).withFixedDelay(HANG_MS)));
    }

    /** A token signed by Logto's published key; a new one each time, so the gateway has not remembered it. */
    private String validToken() {
        return orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
    }

    /** A token naming a key id nobody publishes, a different one each time (as an attacker would send). */
    private String unknownKidToken() {
        return TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .signedWith(TestTokens.FOREIGN_KEY)
                .kid("invented-" + (++invented))
                .sign();
    }

    private static int jwksCalls() {
        return LogtoMock.server()
                .findAll(WireMock.getRequestedFor(urlPathEqualTo("/oidc/jwks")))
                .size();
    }

    /** Waits (boundedly) until WireMock has received the fetch: WireMock logs a request before delaying its answer. */
    private static void awaitJwksCalls(int expected) throws InterruptedException {
        for (int i = 0; i < 500 && jwksCalls() < expected; i++) {
            Thread.sleep(20);
        }
        assertThat(jwksCalls()).isEqualTo(expected);
    }

    private CompletableFuture<HttpResponse<String>> send(String token) {
        JsonNode body = Fixtures.JSON.valueToTree(Map.of("query", QUERY, "variables", VARIABLES));
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .timeout(CLIENT_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway's clock, moved forward by the test. */
    static final class MovableClock extends AuthClock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public Instant now() {
            return super.now().plus(offset);
        }

        void advance(Duration by) {
            offset = offset.plus(by);
        }
    }
}
