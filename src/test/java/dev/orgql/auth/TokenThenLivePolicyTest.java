package dev.orgql.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** The default policy: a bound token's claims in its organization, live lookups for unbound user tokens. */
@MicronautTest
class TokenThenLivePolicyTest extends ScopePolicyScenarios {

    @Test
    void organizationTokenClaimsDecideWithoutALookup() {
        stubLiveScopes(Ids.ORG_A); // live: nothing; the token still holds read:data

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data invite:member"), QUERY_A, ON_ORG_A);

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/viewerScopes").toString())
                .isEqualTo("[\"invite:member\",\"read:data\"]");
        assertThat(scopeLookups()).isEmpty();
    }

    @Test
    void organizationTokenWithoutTheScopeIsDenied() {
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, ""), QUERY_A, ON_ORG_A);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(answer.firstError().get("message").asText())
                .contains("read:data")
                .contains(Ids.ORG_A);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void userTokenIsCheckedLiveAndTheAnswerIsCached() {
        stubLiveScopes(Ids.ORG_A, "read:data", "write:data");
        String token = userToken(Ids.ALICE, "");

        Answer first = graphql(token, QUERY_A, ON_ORG_A);
        Answer second = graphql(token, QUERY_A, ON_ORG_A);

        assertThat(first.errors()).isNull();
        assertThat(second.data().at("/organization/viewerScopes").size()).isEqualTo(2);
        // One lookup for the directive and viewerScopes of both requests: per request batched, then cached.
        assertThat(scopeLookups()).hasSize(1);
    }

    @Test
    void aDemotionStopsTheNextMutationOfAUserTokenAtOnce() {
        // Unbound user tokens are decided by live lookups, as under `live`: reads may use the cache,
        // mutations never do.
        stubDemotion(Ids.ORG_A);
        String token = userToken(Ids.ALICE, "");
        assertThat(graphql(token, QUERY_A, ON_ORG_A).data().at("/organization/viewerScopes"))
                .hasSize(8);
        demote();
        assertThat(graphql(token, QUERY_A, ON_ORG_A).data().at("/organization/viewerScopes"))
                .hasSize(8);
        assertThat(scopeLookups()).hasSize(1);

        Answer mutation = graphql(token, RENAME, rename(Ids.ORG_A));

        assertThat(mutation.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(mutation.firstError().at("/extensions/missingScopes/0").asText())
                .isEqualTo("manage:organization");
        assertThat(scopeLookups()).hasSize(2);
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void organizationTokenMutationsAreDecidedByTheTokenWithoutALookup() {
        // The documented trade-off of this policy: a bound token's claims hold until it expires.
        stubDemotion(Ids.ORG_A);
        demote();
        LogtoMock.stub(com.github.tomakehurst.wiremock.client.WireMock.patch(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                                "/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(
                        200,
                        dev.orgql.support.Fixtures.load("organization.patch.response.json")
                                .toString())));

        Answer mutation = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization"),
                operation("updateOrganizationCodes"),
                rename(Ids.ORG_A));

        assertThat(mutation.errors()).isNull();
        assertThat(scopeLookups()).isEmpty();
    }

    @Test
    void userTokenOfANonMemberIsDenied() {
        stubLiveScopes(Ids.ORG_A); // Logto answers [] for a non-member

        Answer answer = graphql(userToken(Ids.ALICE, ""), QUERY_A, ON_ORG_A);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void nonMemberAnswered422IsNoScopesToo() {
        LogtoMock.stub(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                                "/api/organizations/" + Ids.ORG_A + "/users/" + Ids.ALICE + "/scopes"))
                .willReturn(LogtoMock.error(422, "422.organization.require_membership.json")));

        Answer answer = graphql(userToken(Ids.ALICE, ""), QUERY_A, ON_ORG_A);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void organizationApiTokenIsCheckedLiveNeverByItsApiScopes() {
        stubLiveScopes(Ids.ORG_A); // no organization scopes, although the token carries "read:data" as an API scope
        String token = dev.orgql.support.TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience(dev.orgql.support.TestTokens.API_RESOURCE)
                .claim("organization_id", Ids.ORG_A)
                .scope("read:data")
                .sign();

        Answer answer = graphql(token, QUERY_A, ON_ORG_A);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(scopeLookups()).hasSize(1);
    }
}
