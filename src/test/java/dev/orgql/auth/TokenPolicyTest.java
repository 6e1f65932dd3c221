package dev.orgql.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.Fixtures.Ids;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy {@code token}: claims only; an unbound user token holds no organization scopes. */
@MicronautTest
class TokenPolicyTest extends ScopePolicyScenarios {
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.scope-policy", "token");
    }

    @Test
    void unboundUserTokenHoldsNothingAndNothingIsLookedUp() {
        stubLiveScopes(Ids.ORG_A, Ids.ALL_SCOPES);

        Answer answer = graphql(userToken(Ids.ALICE, ""), QUERY_A, ON_ORG_A);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(scopeLookups()).isEmpty();
    }

    @Test
    void organizationTokenClaimsGrantAccess() {
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), QUERY_A, ON_ORG_A);

        assertThat(answer.errors()).isNull();
        assertThat(scopeLookups()).isEmpty();
    }
}
