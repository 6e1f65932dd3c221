package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's token while Logto's token endpoint is down. A token held keeps serving requests after
 * its early-refresh point until shortly before its real expiry, with one refresh attempt per backoff
 * interval; with no token, concurrent and later requests share one fetch per backoff interval and fail
 * at once in between. The recorded token lives 3600 s; time is moved with the gateway's clock, never
 * waited for. The backoff is an hour so that only the clock ends it.
 */
@MicronautTest
class TokenEndpointOutageTest extends GatewayTest {
    private static final String ORG_PATH = "/api/organizations/" + Ids.ORG_A;
    private final MovableClock clock = new MovableClock();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                // Each read must reach Logto (and need the token): no organization kept between them.
                "orgql.read-cache.organizations.ttl",
                "0s",
                "orgql.upstream.token.initial-backoff",
                "1h",
                "orgql.upstream.token.max-backoff",
                "1h",
                "orgql.upstream.token.expiry-margin",
                "10s",
                // Only the backoff under test: the token endpoint's breaker stays closed.
                "orgql.upstream.breaker.minimum-calls",
                "1000",
                "orgql.upstream.breaker.sliding-window",
                "1000");
    }

    @MockBean(UpstreamClock.class)
    UpstreamClock clock() {
        return clock;
    }

    @BeforeEach
    void forgetTokensAndBackoffs() {
        // A day later, any token held has expired and any backoff has run out.
        clock.advance(Duration.ofDays(1));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
    }

    @Test
    void aTokenHeldKeepsServingWhileItsRefreshFails() {
        assertThat(readOrganization().errors()).isNull();
        assertThat(tokenFetches()).isEqualTo(1);
        tokenEndpointDown();

        // Past the early refresh (a minute before expiry), before the real expiry less the margin.
        clock.advance(Duration.ofSeconds(3600 - 30));
        for (int i = 0; i < 5; i++) {
            Answer answer = readOrganization();
            assertThat(answer.errors()).isNull();
            assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
        }
        // One refresh tried, then backing off; the token held was used throughout.
        assertThat(tokenFetches()).isEqualTo(2);
        assertThat(LogtoMock.calls()).hasSize(6);

        // Within the margin of its real expiry: the token is no longer used, and no fetch is due yet.
        clock.advance(Duration.ofSeconds(25));
        LogtoMock.clearJournal();
        Answer refused = readOrganization();
        assertThat(refused.errorCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(refused.firstError().at("/extensions/retryAfterSeconds").asLong())
                .isPositive();
        assertThat(LogtoMock.allCalls()).isEmpty();
    }

    @Test
    void withNoTokenConcurrentRequestsShareOneFetchPerBackoffInterval() {
        tokenEndpointDown();

        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(CompletableFuture.supplyAsync(this::readOrganization));
        }
        for (CompletableFuture<Answer> answer : answers) {
            assertThat(answer.join().errorCode()).isIn("UPSTREAM_ERROR", "UPSTREAM_UNAVAILABLE");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(readOrganization().errorCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
        }
        assertThat(tokenFetches()).isEqualTo(1);
        assertThat(LogtoMock.calls()).isEmpty();

        // The backoff ran out: the next request tries once more, and gets through once Logto is back.
        LogtoMock.reset();
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG_PATH))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        clock.advance(Duration.ofHours(1));
        assertThat(readOrganization().errors()).isNull();
        assertThat(tokenFetches()).isEqualTo(1);
    }

    private static void tokenEndpointDown() {
        LogtoMock.stub(post(urlPathEqualTo("/oidc/token"))
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    private static int tokenFetches() {
        return LogtoMock.server()
                .findAll(postRequestedFor(urlPathEqualTo("/oidc/token")))
                .size();
    }

    private Answer readOrganization() {
        return graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("organization"), Map.of("id", Ids.ORG_A));
    }

    /** The gateway's upstream clock, moved forward by the test. */
    static final class MovableClock extends UpstreamClock {
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
