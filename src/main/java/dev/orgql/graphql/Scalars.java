package dev.orgql.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The schema's custom scalars. */
final class Scalars {
    /** Always three fraction digits, so clients can compare the strings. */
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Scalars() {}

    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An ISO-8601 instant in UTC.")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Instant instant) {
                        return formatInstant(instant);
                    }
                    if (value instanceof Number millis) {
                        return formatInstant(Instant.ofEpochMilli(millis.longValue()));
                    }
                    throw new CoercingSerializeException("Not a time: " + value);
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        return parse(text, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException(
                            "A DateTime is an ISO-8601 string, for example 2026-11-22T12:00:00Z");
                }

                @Override
                public Instant parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof StringValue text) {
                        return parse(text.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException(
                            "A DateTime is an ISO-8601 string, for example 2026-11-22T12:00:00Z");
                }
            })
            .build();

    /**
     * What {@link #ISO} writes, without it: a formatter with a zone looks up the zone's rules and builds
     * a ZonedDateTime for every value (a dashboard writes some sixty), while the fields of a UTC instant
     * are plain arithmetic. Years outside 0 to 9999, which Logto never stores, go through {@link #ISO}.
     */
    static String formatInstant(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return ISO.format(instant);
        }
        char[] out = new char[24];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, t.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static <E extends RuntimeException> Instant parse(
            String text, java.util.function.Function<String, E> error) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw error.apply("Not an ISO-8601 date-time with offset: '" + text + "'");
        }
    }

    static final GraphQLScalarType JSON = GraphQLScalarType.newScalar()
            .name("JSON")
            .description("Any JSON value.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    return value;
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    return input;
                }

                @Override
                public Object parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    return literal(input, variables);
                }
            })
            .build();

    private static Object literal(Value<?> value, CoercedVariables variables) {
        if (value instanceof NullValue) {
            return null;
        }
        if (value instanceof StringValue v) {
            return v.getValue();
        }
        if (value instanceof IntValue v) {
            return v.getValue();
        }
        if (value instanceof FloatValue v) {
            return v.getValue();
        }
        if (value instanceof BooleanValue v) {
            return v.isValue();
        }
        if (value instanceof EnumValue v) {
            return v.getName();
        }
        if (value instanceof VariableReference v) {
            return variables.get(v.getName());
        }
        if (value instanceof ArrayValue v) {
            return v.getValues().stream().map(item -> literal(item, variables)).toList();
        }
        if (value instanceof ObjectValue v) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.getObjectFields().forEach(field -> map.put(field.getName(), literal(field.getValue(), variables)));
            return map;
        }
        throw new CoercingParseLiteralException("Not a JSON value: " + value);
    }

    /**
     * The built-in {@code ID}, except that a variable must be a string or an integer, as the spec's
     * input coercion says. graphql-java's own ID turns any value into a string with {@code toString()},
     * so an object variable became the id {@code "{nested=true}"} and went on to Logto.
     */
    static final GraphQLScalarType ID = GraphQLScalarType.newScalar(graphql.Scalars.GraphQLID)
            .coercing(new Coercing<Object, Object>() {
                private final Coercing<?, ?> builtIn = graphql.Scalars.GraphQLID.getCoercing();

                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    return builtIn.serialize(value, context, locale);
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String
                            || input instanceof Integer
                            || input instanceof Long
                            || input instanceof java.math.BigInteger
                            || input instanceof Short
                            || input instanceof Byte) {
                        return input.toString();
                    }
                    throw new CoercingParseValueException(
                            "An ID is a string (or an integer), not " + kind(input) + ".");
                }

                @Override
                public Object parseLiteral(
                        Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    return builtIn.parseLiteral(input, variables, context, locale);
                }

                @Override
                public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                    return builtIn.valueToLiteral(input, context, locale);
                }
            })
            .build();

    private static String kind(Object input) {
        if (input instanceof Map<?, ?>) {
            return "an object";
        }
        if (input instanceof List<?>) {
            return "a list";
        }
        if (input instanceof Boolean) {
            return "a boolean";
        }
        if (input instanceof Number) {
            return "a fractional number";
        }
        return "something else";
    }

    static List<GraphQLScalarType> all() {
        return List.of(DATE_TIME, JSON, ID);
    }
}
