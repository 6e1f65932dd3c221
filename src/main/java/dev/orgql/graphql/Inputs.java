package dev.orgql.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.SelectedField;
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
    public static Map<String, Object> rawIds(SelectedField selection) {
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
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            Object value = values.get(component.getName());
            if (component.getType() == Given.class) {
                Type inner = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                arguments[i] = new Given<>(values.containsKey(component.getName()), convert(value, inner));
            } else {
                arguments[i] = convert(value, component.getGenericType());
            }
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getName() + " from its input", e);
        }
    }

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
