package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.Scalars;
import graphql.schema.GraphQLFieldDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a field without its own fetcher reads: the same as graphql-java's property fetcher would. */
class RecordFieldFetcherTest {
    private static final GraphQLFieldDefinition NAME = GraphQLFieldDefinition.newFieldDefinition()
            .name("name")
            .type(Scalars.GraphQLString)
            .build();

    record Role(String id, String name) {}

    record Scope(String name, String description) {}

    private record Hidden(String name) {}

    record Nameless(String id) {}

    public static class Bean {
        public String getName() {
            return "bean";
        }
    }

    private final RecordFieldFetcher fetcher = new RecordFieldFetcher("name");

    private Object fetch(Object source) throws Exception {
        return fetcher.get(NAME, source, () -> {
            throw new AssertionError("the environment is not needed");
        });
    }

    @Test
    void readsTheComponentOfTheFieldsName() throws Exception {
        assertThat(fetch(new Role("r1", "admin"))).isEqualTo("admin");
        assertThat(fetch(new Role("r2", "member"))).isEqualTo("member");
        assertThat(fetch(new Role("r3", null))).isNull();
    }

    @Test
    void followsTheSourceClassWhenItChanges() throws Exception {
        assertThat(fetch(new Role("r1", "admin"))).isEqualTo("admin");
        assertThat(fetch(new Scope("read:data", "Read"))).isEqualTo("read:data");
        assertThat(fetch(new Role("r2", "member"))).isEqualTo("member");
        assertThat(fetch(new Hidden("private record"))).isEqualTo("private record");
    }

    @Test
    void anyOtherSourceIsReadAsGraphqlJavaWould() throws Exception {
        assertThat(fetch(Map.of("name", "from a map"))).isEqualTo("from a map");
        assertThat(fetch(new Bean())).isEqualTo("bean");
        assertThat(fetch(new Nameless("x"))).isNull();
        assertThat(fetch(null)).isNull();
        assertThat(fetch(new Role("r1", "admin"))).isEqualTo("admin");
    }
}
