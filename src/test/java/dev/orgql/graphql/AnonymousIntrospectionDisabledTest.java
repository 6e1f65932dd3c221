package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code ORGQL_ALLOW_ANONYMOUS_INTROSPECTION=false} a request without a token is not even parsed. */
@MicronautTest
class AnonymousIntrospectionDisabledTest extends GatewayTest {
    @Inject
    DocumentCache documents;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.allow-anonymous-introspection", "false");
    }

    @Test
    void withoutATokenNothingIsParsed() {
        long before = documents.tokensRead();
        Answer introspection = graphql(null, IntrospectionTest.resource("graphiql-2.4.7-default"));
        Answer typename = graphql(null, operation("typename"));

        assertThat(introspection.status()).isEqualTo(401);
        assertThat(introspection.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(typename.status()).isEqualTo(401);
        assertThat(documents.tokensRead()).isEqualTo(before);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void withATokenIntrospectionIsAnswered() {
        Answer answer = graphql(userToken(Ids.ALICE, ""), IntrospectionTest.resource("graphql-js-16.11.0-all-options"));
        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/__schema/queryType/name").asText()).isEqualTo("Query");
    }
}
