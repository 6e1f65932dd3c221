package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgql.graphql.Inputs.Given;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one conversion of an {@code input} argument (as graphql-java coerced it) into its record. */
class InputsTest {
    record Nested(String url) {}

    record Sample(
            String id,
            Given<String> name,
            Given<Boolean> flag,
            Nested nested,
            List<String> ids,
            Instant at,
            Object json) {}

    record Checked(String name) {
        Checked {
            if (name == null) {
                throw new Mutations.UserErrorException(
                        UserError.of(UserErrorCode.BAD_USER_INPUT, "name is missing", "input", "name"));
            }
        }
    }

    @Test
    void distributesCoercedValuesAndTellsAbsentFromNull() {
        Map<String, Object> input = new HashMap<>();
        input.put("id", "org-1");
        input.put("flag", null);
        input.put("nested", Map.of("url", "https://x.example"));
        input.put("ids", List.of("a", "b"));
        input.put("at", Instant.ofEpochMilli(5));
        input.put("json", Map.of("k", 1));

        Sample sample = Inputs.read(input, Sample.class);

        assertThat(sample.id()).isEqualTo("org-1");
        assertThat(sample.name()).isEqualTo(new Given<>(false, null));
        assertThat(sample.flag()).isEqualTo(new Given<>(true, null));
        assertThat(sample.nested()).isEqualTo(new Nested("https://x.example"));
        assertThat(sample.ids()).containsExactly("a", "b");
        assertThat(sample.at()).isEqualTo(Instant.ofEpochMilli(5));
        assertThat(sample.json()).isEqualTo(Map.of("k", 1));
    }

    @Test
    void aFailedCheckIsTheUserErrorItself() {
        assertThatThrownBy(() -> Inputs.read(Map.of(), Checked.class))
                .isInstanceOf(Mutations.UserErrorException.class)
                .satisfies(e -> assertThat(
                                ((Mutations.UserErrorException) e).userError().field())
                        .containsExactly("input", "name"));
    }

    @Test
    void distinctKeepsTheFirstOfEachAndDropsNulls() {
        assertThat(Inputs.distinct(Arrays.asList("b", null, "a", "b"))).containsExactly("b", "a");
        assertThat(Inputs.distinct(null)).isEmpty();
    }
}
