package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DateTime scalar's hand-written formatting writes exactly what the pattern it replaced wrote. */
class DateTimeFormatTest {
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "2024-02-29T23:59:59.999Z",
                "2026-11-22T12:00:00.5Z",
                "2000-01-01T00:00:00.000999Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z"
            })
    void edgesAsThePatternWritesThem(String text) {
        Instant instant = Instant.parse(text);
        assertThat(Scalars.formatInstant(instant)).isEqualTo(PATTERN.format(instant));
    }

    @Test
    void manyInstantsAsThePatternWritesThem() {
        Random random = new Random(42);
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochMilli(from + (long) (random.nextDouble() * (to - from)));
            assertThat(Scalars.formatInstant(instant)).isEqualTo(PATTERN.format(instant));
        }
    }

    @Test
    void yearsBeyondFourDigitsFallBackToThePattern() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(Scalars.formatInstant(far)).isEqualTo(PATTERN.format(far));
    }

    @Test
    void theScalarWritesInstantsAndEpochMillis() {
        var coercing = Scalars.DATE_TIME.getCoercing();
        Instant instant = Instant.parse("2026-12-03T18:05:07.042Z");
        assertThat(coercing.serialize(instant, graphql.GraphQLContext.getDefault(), java.util.Locale.ROOT))
                .isEqualTo("2026-12-03T18:05:07.042Z");
        assertThat(coercing.serialize(
                        instant.toEpochMilli(), graphql.GraphQLContext.getDefault(), java.util.Locale.ROOT))
                .isEqualTo("2026-12-03T18:05:07.042Z");
    }
}
