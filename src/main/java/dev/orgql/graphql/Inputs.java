package dev.orgql.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.SelectedField;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place a mutation's {@code input} argument becomes Java: a record named like the SDL input
 * type, one component per input field (checked by {@code SchemaMappingTest}). graphql-java has
 * already coerced the values (ids are strings, {@code DateTime} an {@code Instant}, {@code JSON} a map
 * or whatever the client sent), so the conversion only distributes them: a nested input object becomes
 * its record, a list a list, and a {@link Given} component also records whether the client sent the
 * field at all. Checks and de-duplication live in the records' compact constructors; a check that
 * fails throws {@link Mutations.UserErrorException}, so read the input inside {@link Mutations#run}.
 *
 * <p>Not Jackson's {@code convertValue}: it would turn the coerced {@code Instant} and the free-form
 * {@code JSON} back into JSON and parse them again, and lose the difference between a field left out
 * and one sent as null.
 */
public final class Inputs {
    private Inputs() {}

    /** The mutation's single {@code input} argument as its record. */
    public static <T extends Record> T read(DataFetchingEnvironment env, Class<T> type) {
        Map<String, Object> input = env.getArgument("input");
        return read(input == null ? Map.of() : input, type);
    }

    /**
     * A selection's arguments (for a prefetch, which reads them before the field's own fetcher runs) with
     * every global id replaced by its Logto id, as the field's fetcher will see them.
     */
    static Map<String, Object> rawIds(SelectedField selection) {
        if (selection.getFieldDefinitions().isEmpty()) {
            return selection.getArguments();
        }
        GraphQLFieldDefinition definition = selection.getFieldDefinitions().get(0);
        return IdArguments.rawIds(
                selection.getObjectTypeNames().get(0) + "." + definition.getName(),
                definition,
                selection.getArguments());
    }

    /** Field arguments (a fetcher's, or a selection's in a prefetch) as their record, by the same rules. */
    public static <T extends Record> T read(Map<?, ?> values, Class<T> type) {
        Shape shape = SHAPES.get(type);
        Object[] arguments = new Object[shape.names.length];
        for (int i = 0; i < arguments.length; i++) {
            Object value = values.get(shape.names[i]);
            arguments[i] = shape.givenOf[i] != null
                    ? new Given<>(values.containsKey(shape.names[i]), convert(value, shape.givenOf[i]))
                    : convert(value, shape.types[i]);
        }
        try {
            return type.cast(shape.constructor.newInstance(arguments));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getName() + " from its input", e);
        }
    }

    /**
     * What reading a record needs, found once per record class: the reflective lookups cost more than
     * the reading itself, and connection arguments are read for every list of every request.
     */
    private record Shape(String[] names, Type[] types, Type[] givenOf, Constructor<?> constructor) {}

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Type[] types = new Type[components.length];
            Type[] givenOf = new Type[components.length];
            Class<?>[] raw = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getGenericType();
                raw[i] = components[i].getType();
                if (raw[i] == Given.class) {
                    givenOf[i] = ((ParameterizedType) types[i]).getActualTypeArguments()[0];
                }
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(raw);
                constructor.setAccessible(true);
                return new Shape(names, types, givenOf, constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("Cannot build " + type.getName() + " from its input", e);
            }
        }
    };

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object value, Type type) {
        if (value == null) {
            return null;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == List.class && value instanceof List<?> list) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(convert(item, element)));
            return converted;
        }
        if (raw.isRecord() && value instanceof Map<?, ?> map) {
            return read(map, (Class<? extends Record>) raw);
        }
        if (raw == String.class && !(value instanceof String)) {
            return value.toString();
        }
        if (raw.isEnum() && value instanceof String name) {
            return Enum.valueOf((Class<? extends Enum>) raw, name);
        }
        return raw.cast(value);
    }

    /**
     * An input field that may be left out, and whose absence means something else than null (an
     * update leaves out what does not change).
     *
     * @param present whether the client sent the field (null included)
     */
    public record Given<T>(boolean present, T value) {}

    /** Strings of a list input, without nulls, in order and de-duplicated; an absent list is empty. */
    public static List<String> distinct(List<String> values) {
        List<String> ids = new ArrayList<>();
        if (values != null) {
            for (String id : values) {
                if (id != null && !ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }
}
