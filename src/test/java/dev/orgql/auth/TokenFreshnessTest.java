package dev.orgql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stale-token signal: an organization token's scopes against the user's live scopes, compared
 * within the scopes the app requests (by default those the schema's directives use).
 */
@MicronautTest
class TokenFreshnessTest extends ScopePolicyScenarios {
    private static final String FRESHNESS = operation("tokenFreshness");

    @Test
    void demotedMemberLearnsTheTokenCarriesLostScopes() {
        stubLiveScopes(Ids.ORG_A, "read:data");

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member delete:member"), FRESHNESS, ON_ORG_A);

        JsonNode freshness = answer.data().at("/organization/viewerTokenFreshness");
        assertThat(freshness.get("status").asText()).isEqualTo("LOST_SCOPES");
        assertThat(freshness.get("lostScopes").toString()).isEqualTo("[\"delete:member\",\"manage:member\"]");
        assertThat(freshness.get("gainedScopes")).isEmpty();
        // The live scopes were at hand for this request, so the response says it too.
        assertThat(answer.body().at("/extensions/tokenFreshness/status").asText())
                .isEqualTo("LOST_SCOPES");
        assertThat(scopeLookups()).hasSize(1);
    }

    @Test
    void promotedMemberLearnsOfGainedScopesThatTheAppRequests() {
        // manage:member is used by the schema's directives; "reports:export" is not requested by the app.
        stubLiveScopes(Ids.ORG_A, "read:data", "manage:member", "reports:export");

        JsonNode freshness = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), FRESHNESS, ON_ORG_A)
                .data()
                .at("/organization/viewerTokenFreshness");

        assertThat(freshness.get("status").asText()).isEqualTo("GAINED_SCOPES");
        assertThat(freshness.get("gainedScopes").toString()).isEqualTo("[\"manage:member\"]");
        assertThat(freshness.get("liveScopes")).hasSize(3);
    }

    @Test
    void matchingTokenIsCurrent() {
        stubLiveScopes(Ids.ORG_A, "read:data", "reports:export");

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), FRESHNESS, ON_ORG_A);

        assertThat(answer.data().at("/organization/viewerTokenFreshness/status").asText())
                .isEqualTo("CURRENT");
        assertThat(answer.body().at("/extensions/tokenFreshness/status").asText())
                .isEqualTo("CURRENT");
    }

    @Test
    void noExtensionAndNoLookupWhenLiveScopesAreNotAtHand() {
        stubLiveScopes(Ids.ORG_A, "read:data");

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), QUERY_A, ON_ORG_A);

        assertThat(answer.errors()).isNull();
        assertThat(answer.body().at("/extensions/tokenFreshness").isMissingNode())
                .isTrue();
        assertThat(scopeLookups()).isEmpty();
    }

    @Test
    void userTokensHaveNoOrganizationTokenToJudge() {
        stubLiveScopes(Ids.ORG_A, "read:data");

        Answer answer = graphql(userToken(Ids.ALICE, ""), FRESHNESS, ON_ORG_A);

        assertThat(answer.data().at("/organization/viewerTokenFreshness").isNull())
                .isTrue();
        assertThat(answer.body().at("/extensions/tokenFreshness").isMissingNode())
                .isTrue();
    }

    @Test
    void losingWinsOverGaining() {
        TokenFreshness freshness = TokenFreshness.compare(
                Ids.ORG_A,
                Set.of("read:data", "manage:member"),
                Set.of("read:data", "delete:member"),
                Set.of("read:data", "manage:member", "delete:member"));

        assertThat(freshness.status()).isEqualTo("LOST_SCOPES");
        assertThat(freshness.lostScopes()).containsExactly("manage:member");
        assertThat(freshness.gainedScopes()).containsExactly("delete:member");
    }

    @Test
    void laterRequestsGetTheExtensionFromTheCachedLookup() {
        stubLiveScopes(Ids.ORG_A, "read:data");
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        graphql(token, FRESHNESS, ON_ORG_A);

        // A later request without the field still gets the extension from the cached lookup, with no new call.
        Answer later = graphql(token, QUERY_A, ON_ORG_A);

        assertThat(later.body().at("/extensions/tokenFreshness/status").asText())
                .isEqualTo("CURRENT");
        assertThat(LogtoMock.server()
                        .findAll(WireMock.getRequestedFor(urlPathMatching("/api/organizations/.*/users/.*/scopes"))))
                .hasSize(1);
    }
}
