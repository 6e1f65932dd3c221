package dev.orgql.auth;

import dev.orgql.support.Fixtures.Ids;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, String.join(" ", Ids.ALL_SCOPES)), QUERY_A);

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(scopeLookups()).hasSize(1);
    }

    @Test
    void liveScopesGrantAccess() {
        stubLiveScopes(Ids.ORG_A, "read:data");

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, ""), QUERY_A);

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/viewerScopes/0").asText()).isEqualTo("read:data");
    }
}
