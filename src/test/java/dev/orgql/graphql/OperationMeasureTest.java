package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

/** The fields, aliases and depth checked before the token, and the work it takes to count them. */
class OperationMeasureTest {
    private static QueryLimits.Measure measure(String query) {
        Document document = Parser.parse(query);
        return QueryLimits.measure(
                document,
                document.getDefinitionsOfType(OperationDefinition.class).get(0));
    }

    @Test
    void eachFieldAndAliasCountsOnce() {
        QueryLimits.Measure measure = measure("{ a: __typename b: viewer { user { id name } } __typename }");
        assertThat(measure.fields()).isEqualTo(6);
        assertThat(measure.aliases()).isEqualTo(2);
        assertThat(measure.depth()).isEqualTo(3);
    }

    @Test
    void introspectionIsLeftOutOfTheDepthButNotOutOfTheFields() {
        QueryLimits.Measure measure = measure(
                "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType "
                        + "{ ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } viewer { user { id } } }");
        assertThat(measure.depth()).isEqualTo(3);
        assertThat(measure.fields()).isEqualTo(14 + 3);
    }

    @Test
    void fragmentsCountWhereTheyAreSpreadButAreWalkedOnce() {
        // F0 spreads F1 twice, F1 spreads F2 twice, ... F39 holds one field: 2^40 fields in 81 selections.
        StringBuilder query = new StringBuilder("{ ...F0 }");
        for (int i = 0; i < 40; i++) {
            query.append(" fragment F")
                    .append(i)
                    .append(" on Query { ...F")
                    .append(i + 1)
                    .append(" ...F")
                    .append(i + 1)
                    .append(" }");
        }
        query.append(" fragment F40 on Query { a: __typename }");
        QueryLimits.Measure measure = measure(query.toString());
        assertThat(measure.fields()).isEqualTo(1L << 40);
        assertThat(measure.aliases()).isEqualTo(1L << 40);
        assertThat(measure.visited()).isEqualTo(1 + 40 * 2 + 1);

        Document document = Parser.parse(query.toString());
        GraphQLError refused = QueryLimits.checkOperation(
                document,
                document.getDefinitionsOfType(OperationDefinition.class).get(0),
                new QueryLimits.Settings(),
                false);
        assertThat(refused.getExtensions())
                .containsEntry("code", "QUERY_TOO_COMPLEX")
                .containsEntry("limit", "complexity")
                .containsEntry("value", 1L << 40);
    }

    @Test
    void cyclicAndUnknownFragmentsEndTheWalk() {
        QueryLimits.Measure measure =
                measure("{ ...A ...Nowhere } fragment A on Query { __typename ...B } fragment B on Query { ...A }");
        assertThat(measure.fields()).isEqualTo(1);
        assertThat(measure.visited()).isLessThanOrEqualTo(5);
    }
}
