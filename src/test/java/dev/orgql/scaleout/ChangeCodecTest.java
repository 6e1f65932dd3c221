package dev.orgql.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgql.logto.LogtoChange;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of {@link LogtoChange} crosses the channel unchanged, found by reflection over the sealed
 * interface, so a kind added later is covered here without touching this test or the codec.
 */
class ChangeCodecTest {
    private final ChangeCodec codec = new ChangeCodec();

    static Stream<LogtoChange> everyKindOfChange() {
        return Arrays.stream(LogtoChange.class.getPermittedSubclasses())
                .flatMap(type -> Stream.of(sample(type, false), sample(type, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfChange")
    void travelsUnchanged(LogtoChange change) {
        ChangeCodec.Message message = codec.decode(codec.encode("replica-1", change));

        assertThat(message.from()).isEqualTo("replica-1");
        assertThat(message.type()).isEqualTo(change.getClass().getSimpleName());
        assertThat(message.change()).contains(change);
    }

    @Test
    void everyKindIsCovered() {
        assertThat(everyKindOfChange().map(Object::getClass).distinct())
                .hasSize(LogtoChange.class.getPermittedSubclasses().length)
                .hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void theMessageNamesTheTypeAndTheComponents() {
        String json = new String(
                codec.encode("r1", new LogtoChange.MembershipChanged("org1", Set.of("u1"), Set.of())),
                StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("{\"from\":\"r1\",\"type\":\"MembershipChanged\",\"change\":{\"organizationId\":\"org1\","
                        + "\"userIds\":[\"u1\"],\"applicationIds\":[]}}");
    }

    @Test
    void aTypeThisReplicaDoesNotKnowIsSkipped() {
        ChangeCodec.Message message =
                codec.decode("{\"from\":\"r2\",\"type\":\"SomethingNewer\",\"change\":{\"x\":\"y\"}}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(message.change()).isEmpty();
        assertThat(message.type()).isEqualTo("SomethingNewer");
    }

    @Test
    void missingComponentsReadAsEmpty() {
        ChangeCodec.Message message =
                codec.decode("{\"from\":\"r2\",\"type\":\"MembershipChanged\",\"change\":{\"organizationId\":\"o\"}}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(message.change()).contains(new LogtoChange.MembershipChanged("o", Set.of(), Set.of()));
    }

    @Test
    void somethingElseOnTheChannelIsRefused() {
        assertThatThrownBy(() -> codec.decode("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"TemplateChanged\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** An instance with a value for every component: distinct strings, a set of two, true or false. */
    private static LogtoChange sample(Class<?> type, boolean variant) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            String name = components[i].getName();
            if (types[i] == boolean.class) {
                values[i] = variant;
            } else if (types[i] == Set.class) {
                values[i] = variant ? Set.of() : Set.of(name + "-a", name + "-b");
            } else {
                values[i] = name + (variant ? "-2" : "-1");
            }
        }
        try {
            return (LogtoChange) type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
