package dev.orgql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy {@code live}: even an organization token is checked against Logto, so a demotion bites at once. */
@MicronautTest
class LivePolicyTest extends ScopePolicyScenarios {
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.scope-policy", "live");
    }

    @Test
    void demotedAdminIsDeniedDespiteTheTokensClaims() {
        stubLiveScopes(Ids.ORG_A); // demoted: no scopes left

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, String.join(" ", Ids.ALL_SCOPES)), QUERY_A, ON_ORG_A);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(scopeLookups()).hasSize(1);
    }

    @Test
    void aDemotionStopsTheNextMutationAtOnceWhileReadsMayUseTheCache() {
        stubDemotion(Ids.ORG_A);
        String token = orgToken(Ids.ALICE, Ids.ORG_A, String.join(" ", Ids.ALL_SCOPES));
        assertThat(graphql(token, QUERY_A, ON_ORG_A).data().at("/organization/viewerScopes"))
                .hasSize(8);
        assertThat(scopeLookups()).hasSize(1);

        demote();
        // A read within the cache's TTL may still be answered from the lookup made before.
        Answer cachedRead = graphql(token, QUERY_A, ON_ORG_A);
        assertThat(cachedRead.data().at("/organization/viewerScopes")).hasSize(8);
        assertThat(scopeLookups()).hasSize(1);

        // A mutation is checked on scopes read for its own request: exactly one lookup, and refused.
        Answer mutation = graphql(token, RENAME, rename(Ids.ORG_A));
        assertThat(mutation.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(mutation.firstError().at("/extensions/missingScopes/0").asText())
                .isEqualTo("manage:organization");
        assertThat(mutation.data().get("updateOrganization").isNull()).isTrue();
        assertThat(scopeLookups()).hasSize(2);
        assertThat(LogtoMock.writes()).isEmpty();

        // That lookup replaced the cached scopes: reads see the demotion now, with no further lookup.
        Answer after = graphql(token, QUERY_A, ON_ORG_A);
        assertThat(after.data().at("/organization/viewerScopes").toString())
                .isEqualTo("[\"invite:member\",\"read:data\",\"write:data\"]");
        assertThat(scopeLookups()).hasSize(2);
    }

    @Test
    void anAllowedMutationCostsOneLookupSharedByTheWholeRequest() {
        stubLiveScopes(Ids.ORG_A, Ids.ALL_SCOPES);
        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(((com.fasterxml.jackson.databind.node.ObjectNode)
                                Fixtures.load("organization.patch.response.json"))
                        .put("id", Ids.ORG_A))));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "");
        graphql(token, QUERY_A, ON_ORG_A); // cached now, but the mutation does not use the cache
        LogtoMock.clearJournal();

        // The directive's check and the payload's viewerScopes share the request's one lookup.
        Answer answer = graphql(token, RENAME, rename(Ids.ORG_A));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/updateOrganization/organization/viewerScopes"))
                .hasSize(8);
        assertThat(scopeLookups()).hasSize(1);
        assertThat(LogtoMock.writes()).containsExactly("PATCH /api/organizations/" + Ids.ORG_A);
    }

    @Test
    void liveScopesGrantAccess() {
        stubLiveScopes(Ids.ORG_A, "read:data");

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, ""), QUERY_A, ON_ORG_A);

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/viewerScopes/0").asText()).isEqualTo("read:data");
    }
}
