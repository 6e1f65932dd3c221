package dev.orgql.logto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.orgql.logto.LogtoModels.Organization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One Logto answer serves every waiter of a coalesced read and every hit of a read cache: its body is
 * parsed once per target type, and a body that cannot be parsed is refused each time, never kept.
 */
class LogtoJsonTest {
    private final LogtoJson json = new LogtoJson();

    @Test
    void anAnswerIsParsedOncePerTypeWhoeverReadsIt() {
        LogtoResponse answer = new LogtoResponse(
                200, "[{\"id\":\"ryggecuhevx9\",\"name\":\"Acme\"}]".getBytes(StandardCharsets.UTF_8), 1);

        List<Organization> first = json.read(answer, new TypeReference<List<Organization>>() {});
        List<Organization> second = json.read(answer, new TypeReference<List<Organization>>() {});

        assertThat(first).hasSize(1);
        assertThat(first.get(0).name()).isEqualTo("Acme");
        assertThat(second).isSameAs(first);
        // Another target type is its own parse.
        assertThat(json.read(answer, new TypeReference<List<Object>>() {})).isNotSameAs(first);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedEveryTimeAndNotKept() {
        LogtoResponse answer = new LogtoResponse(200, "Created".getBytes(StandardCharsets.UTF_8), null);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> json.read(answer, new TypeReference<List<Organization>>() {}))
                    .isInstanceOf(LogtoException.class)
                    .hasMessageContaining("cannot read");
        }
    }
}
