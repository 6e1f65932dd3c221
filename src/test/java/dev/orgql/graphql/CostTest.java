package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/**
 * Every answered operation says what it cost and the limit ({@code extensions.cost}), computed as the
 * README's "Limits" table says, and the default limit admits the README's examples with room.
 */
@MicronautTest
class CostTest extends GatewayTest {
    @Test
    void theReadmeDashboardCostsWhatTheTableSays() {
        // organization 1 + name 1 + viewerPermissions 1
        // + members(first: 3): 1 + 3 x (totalCount 1 + nodes 1 + user 3 + roles (1 + name 1 + scopes 2)) = 28
        // + invitations (20 by default): 1 + 20 x (totalCount 1 + nodes 1 + invitee 1 + expiresAt 1
        //   + inviter 2 + roles 2) = 161
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("readmeDashboard"));

        assertThat(answer.body().at("/extensions/cost/requested").asLong()).isEqualTo(192);
        assertThat(answer.body().at("/extensions/cost/limit").asLong()).isEqualTo(5000);
    }

    @Test
    void anOrganizationSwitcherOfAHundredOrganizationsFitsWithRoom() {
        Answer answer = graphql(userToken(Ids.ALICE, ""), operation("viewerOrganizationsWithRoles"));

        long cost = answer.body().at("/extensions/cost/requested").asLong();
        assertThat(answer.errorCode()).as(answer.body().toString()).isNotEqualTo("QUERY_TOO_COMPLEX");
        assertThat(cost).isGreaterThan(2000).isLessThan(5000 / 2 + 1000);
    }

    @Test
    void aRefusedOperationHasItsFiguresInTheError() {
        String query =
                "{ viewer { organizations(first: 100) { nodes { members(first: 100) { nodes { user { id } } } } } } }";

        Answer answer = graphql(userToken(Ids.ALICE, ""), query);

        assertThat(answer.errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(answer.firstError().at("/extensions/value").asLong()).isGreaterThan(5000);
        assertThat(answer.firstError().at("/extensions/max").asLong()).isEqualTo(5000);
    }
}
