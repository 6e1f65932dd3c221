package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The introspection queries tools really send are answered, with and without a token, under the default
 * limits; introspection that is not in good faith is refused as {@code QUERY_TOO_COMPLEX}.
 * <p>
 * The documents under {@code src/test/resources/introspection} are the exact output of graphql-js's
 * {@code getIntrospectionQuery()}: {@code graphql-js-16.11.0-*} from graphql-js v16.11.0
 * ({@code src/utilities/getIntrospectionQuery.ts}), with its defaults and with every option
 * ({@code descriptions, specifiedByUrl, directiveIsRepeatable, schemaDescription, inputValueDeprecation});
 * {@code graphiql-2.4.7-*} from the graphql-js 16.5.0 bundled in the GraphiQL 2.4.7 webjar this gateway
 * serves, called as GraphiQL's {@code useIntrospectionQuery} calls it (its props
 * {@code inputValueDeprecation} and {@code schemaDescription} unset, as on the gateway's page, and set).
 * They are 15 (graphql-js 16.11) and 13 (GraphiQL) levels deep, beyond {@code orgql.limits.max-depth}.
 */
@MicronautTest
class IntrospectionTest extends GatewayTest {
    static Stream<Arguments> standardQueries() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : List.of(
                "graphql-js-16.11.0-all-options",
                "graphql-js-16.11.0-default",
                "graphiql-2.4.7-default",
                "graphiql-2.4.7-input-value-deprecation")) {
            cases.add(Arguments.of(file, false));
            cases.add(Arguments.of(file, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, with a token: {1}")
    @MethodSource("standardQueries")
    void standardIntrospectionQueriesAreAnswered(String file, boolean withToken) {
        Answer answer = graphql(withToken ? userToken(Ids.ALICE, "") : null, resource(file));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        List<String> types = new ArrayList<>();
        List<String> organizationFields = new ArrayList<>();
        for (JsonNode type : answer.data().at("/__schema/types")) {
            types.add(type.path("name").asText());
            if ("Organization".equals(type.path("name").asText())) {
                type.path("fields")
                        .forEach(field ->
                                organizationFields.add(field.path("name").asText()));
            }
        }
        assertThat(types).contains("Organization", "Member", "Query", "Mutation");
        assertThat(organizationFields).contains("members", "invitations");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    static final List<String> NOT_IN_GOOD_FAITH = List.of(
            // __Type.fields inside __Type.fields: each level multiplies the answer by the schema's size.
            "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }",
            // The same cycle through interfaces and possibleTypes.
            "{ __schema { types { possibleTypes { interfaces { possibleTypes { name } } } } } }",
            // __schema asked twice under aliases.
            "{ a: __schema { queryType { name } } b: __schema { queryType { name } } }",
            // Deeper than the good-faith depth of 20.
            "{ __type(name: \"Organization\") { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType "
                    + "{ ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType "
                    + "{ name } } } } } } } } } } } } } } } } } } } } } } }");

    static Stream<Arguments> notInGoodFaith() {
        return NOT_IN_GOOD_FAITH.stream()
                .flatMap(query -> Stream.of(Arguments.of(query, false), Arguments.of(query, true)));
    }

    // Hostile on purpose, so written here rather than kept with the operations.
    @ParameterizedTest(name = "{0}, with a token: {1}")
    @MethodSource("notInGoodFaith")
    void introspectionNotInGoodFaithIsTooComplex(String query, boolean withToken) {
        Answer answer = graphql(withToken ? userToken(Ids.ALICE, "") : null, query);
        assertThat(answer.data() == null || answer.data().isNull())
                .as(answer.body().toString())
                .isTrue();
        assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(answer.firstError().at("/extensions/limit").asText()).isEqualTo("introspection");
        assertThat(answer.firstError().path("message").asText()).contains("not asking for introspection in good faith");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    static String resource(String name) {
        try (InputStream in = IntrospectionTest.class.getResourceAsStream("/introspection/" + name + ".graphql")) {
            if (in == null) {
                throw new IllegalArgumentException("No introspection query " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
