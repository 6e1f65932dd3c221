package dev.orgql.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orgql.logto.LogtoChange;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link LogtoChange} as the JSON of a pub/sub message: {@code {"from": <instance>, "type": <record's simple
 * name>, "change": {<component>: <value>}}}. Generic over the sealed interface, so that a new kind of change
 * travels between replicas without touching this: every permitted record whose components are strings,
 * sets of strings or booleans. Anything else is refused when the gateway starts, not when a message is
 * lost. A type this replica does not know (a newer replica during a rolling upgrade) is skipped: its
 * caches' TTLs bound what it misses.
 */
final class ChangeCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Class<?>> types = new LinkedHashMap<>();

    ChangeCodec() {
        for (Class<?> type : LogtoChange.class.getPermittedSubclasses()) {
            if (!type.isRecord()) {
                throw new IllegalStateException(
                        type.getName() + " is not a record: it cannot be relayed between replicas");
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (!supported(component)) {
                    throw new IllegalStateException(type.getSimpleName() + "." + component.getName() + " is a "
                            + component.getGenericType().getTypeName()
                            + ": only String, Set<String> and boolean components can be relayed between replicas");
                }
            }
            types.put(type.getSimpleName(), type);
        }
    }

    /** A message received from another replica. */
    record Message(String from, Optional<LogtoChange> change, String type) {}

    byte[] encode(String from, LogtoChange change) {
        ObjectNode message = JSON.createObjectNode();
        message.put("from", from);
        message.put("type", change.getClass().getSimpleName());
        ObjectNode body = message.putObject("change");
        for (RecordComponent component : change.getClass().getRecordComponents()) {
            Object value = read(component, change);
            if (value == null) {
                body.putNull(component.getName());
            } else if (value instanceof Boolean flag) {
                body.put(component.getName(), flag);
            } else if (value instanceof Set<?> set) {
                ArrayNode array = body.putArray(component.getName());
                set.forEach(element -> array.add((String) element));
            } else {
                body.put(component.getName(), (String) value);
            }
        }
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The change a message carries; its type name if this replica does not know it. Fails on a malformed message. */
    Message decode(byte[] raw) {
        JsonNode message;
        try {
            message = JSON.readTree(raw);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (message == null
                || !message.path("from").isTextual()
                || !message.path("type").isTextual()) {
            throw new IllegalArgumentException("no from or type");
        }
        String typeName = message.get("type").asText();
        Class<?> type = types.get(typeName);
        if (type == null) {
            return new Message(message.get("from").asText(), Optional.empty(), typeName);
        }
        JsonNode body = message.path("change");
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
            arguments[i] = value(components[i], body.path(components[i].getName()));
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            return new Message(
                    message.get("from").asText(),
                    Optional.of((LogtoChange) constructor.newInstance(arguments)),
                    typeName);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + typeName + ": " + e.getMessage(), e);
        }
    }

    private static Object value(RecordComponent component, JsonNode node) {
        if (component.getType() == boolean.class) {
            return node.asBoolean(false);
        }
        if (component.getType() == String.class) {
            return node.isTextual() ? node.asText() : null;
        }
        Set<String> set = new LinkedHashSet<>();
        node.forEach(element -> set.add(element.asText()));
        return Set.copyOf(set);
    }

    private static Object read(RecordComponent component, LogtoChange change) {
        try {
            return component.getAccessor().invoke(change);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean supported(RecordComponent component) {
        Class<?> type = component.getType();
        return type == String.class
                || type == boolean.class
                || (component.getGenericType() instanceof ParameterizedType generic
                        && generic.getRawType() == Set.class
                        && generic.getActualTypeArguments()[0] == String.class);
    }
}
