package dev.orgql.graphql;

import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Over-limit queries are refused before execution, so before any call to Logto. */
@MicronautTest
class QueryLimitsTest extends GatewayTest {
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.limits.max-depth", "5", "orgql.limits.max-aliases", "3", "orgql.limits.max-complexity", "500");
    }

    private void assertRejected(Answer answer, String limit) {
        assertThat(answer.data() == null || answer.data().isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(answer.firstError().at("/extensions/limit").asText()).isEqualTo(limit);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void tooDeep() {
        String query = "{ organization(id: \"" + Ids.ORG_A + "\") { members { nodes { roles { scopes { name } } } } } }";
        assertRejected(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query), "depth");
    }

    @Test
    void limitsHoldForAQueryTheGatewayHasAlreadyParsed() {
        String query = "query($n: Int) { organization(id: \"" + Ids.ORG_A + "\") { members(first: $n) { nodes { id user { id name primaryEmail } } } } }";
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        // The same text, parsed once: the cost depends on the variables, so it is checked every time.
        Answer small = graphql(token, query, Map.of("n", 2));
        assertThat(small.errorCode()).isNotEqualTo("QUERY_TOO_COMPLEX");
        LogtoMock.clearJournal();
        assertRejected(graphql(token, query, Map.of("n", 100)), "complexity");
        assertRejected(graphql(token, query, Map.of("n", 100)), "complexity");
    }

    @Test
    void tooManyAliases() {
        String query = "{ a: organizationTemplate { roles { name } } b: organizationTemplate { roles { name } } "
                + "c: organizationTemplate { roles { name } } d: organizationTemplate { roles { name } } }";
        assertRejected(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query), "aliases");
    }

    @Test
    void tooComplex() {
        String query = "{ organization(id: \"" + Ids.ORG_A + "\") { members(first: 100) { nodes { id user { id name } } } } }";
        assertRejected(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query), "complexity");
    }

    @Test
    void withinLimitsIsExecuted() {
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), "{ organizationTemplate { roles { name } } }");
        assertThat(answer.errorCode()).isNotEqualTo("QUERY_TOO_COMPLEX");
    }
}
