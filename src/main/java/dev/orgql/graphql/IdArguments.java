package dev.orgql.graphql;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which {@code Node} types each {@code ID} argument and input field names: there it takes the raw
 * Logto id or the global id of one of those types, and the fetchers only ever see the raw Logto id.
 * The argument's name says what it names, the same way in every field and input; a {@code Member}
 * or {@code Bot} id names its user or application, and must then belong to the organization the same
 * input names. {@link #check} stops start-up when an {@code ID} argument of the schema is in neither
 * list, so a new one is decided on here.
 */
final class IdArguments {
    /** Takes any global id, and only global ids ({@code Query.node}, {@code Query.nodes}). */
    static final Set<String> ANY = Set.of("*");

    private static final Map<String, Set<String>> BY_NAME = Map.ofEntries(
            Map.entry("organizationId", Set.of("Organization")),
            Map.entry("userId", Set.of("User", "Member")),
            Map.entry("userIds", Set.of("User", "Member")),
            Map.entry("roleId", Set.of("Role")),
            Map.entry("roleIds", Set.of("Role")),
            Map.entry("scopeId", Set.of("Scope")),
            Map.entry("scopeIds", Set.of("Scope")),
            Map.entry("applicationId", Set.of("Bot")),
            Map.entry("applicationIds", Set.of("Bot")),
            Map.entry("invitationId", Set.of("Invitation")));

    /** Arguments named plainly {@code id}, by field. */
    private static final Map<String, Set<String>> BY_FIELD = Map.of(
            "Query.organization.id",
            Set.of("Organization"),
            "Query.invitation.id",
            Set.of("Invitation"),
            "Query.node.id",
            ANY,
            "Query.nodes.ids",
            ANY);

    /** Ids of things that are no {@code Node}: raw Logto ids only. */
    private static final Set<String> RAW = Set.of("ssoConnectorId");

    private IdArguments() {}

    /** The types a field argument names, empty for a raw id (or no id at all). */
    static Set<String> ofArgument(String coordinates, String argument) {
        Set<String> byField = BY_FIELD.get(coordinates + "." + argument);
        return byField != null ? byField : BY_NAME.getOrDefault(argument, Set.of());
    }

    /** The types an input object's field names. */
    static Set<String> ofInputField(String field) {
        return BY_NAME.getOrDefault(field, Set.of());
    }

    /** Refuses a schema with an {@code ID} argument or input field this class does not know. */
    static void check(GraphQLSchema schema) {
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type.getName().startsWith("__")) {
                continue;
            }
            if (type instanceof GraphQLFieldsContainer container) {
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    for (GraphQLArgument argument : field.getArguments()) {
                        String at = container.getName() + "." + field.getName() + "." + argument.getName();
                        if (isId(argument.getType())
                                && !BY_FIELD.containsKey(at)
                                && !BY_NAME.containsKey(argument.getName())
                                && !RAW.contains(argument.getName())) {
                            throw new IllegalStateException(
                                    at + " is an ID argument that IdArguments does not know: say which Node it names");
                        }
                    }
                }
            } else if (type instanceof GraphQLInputObjectType input) {
                for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                    if (isId(field.getType())
                            && !BY_NAME.containsKey(field.getName())
                            && !RAW.contains(field.getName())) {
                        throw new IllegalStateException(input.getName() + "." + field.getName()
                                + " is an ID input field that IdArguments does not know: say which Node it names");
                    }
                }
            }
        }
    }

    /** Whether a field has an argument (at any depth of its input objects) that may take a global id. */
    static boolean takesGlobalIds(String coordinates, GraphQLFieldDefinition field) {
        for (GraphQLArgument argument : field.getArguments()) {
            Set<String> types = ofArgument(coordinates, argument.getName());
            if (types != ANY && (!types.isEmpty() && isId(argument.getType()) || hasIds(argument.getType(), 0))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasIds(GraphQLType type, int depth) {
        GraphQLType inner = unwrap(type);
        if (!(inner instanceof GraphQLInputObjectType input) || depth > 8) {
            return false;
        }
        for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
            if (isId(field.getType()) && !ofInputField(field.getName()).isEmpty()
                    || hasIds(field.getType(), depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The arguments with every global id replaced by its Logto id. They were checked first (by
     * {@link InputCheck}), so a value that does not decode here is refused the same way.
     */
    static Map<String, Object> rawIds(String coordinates, GraphQLFieldDefinition field, Map<String, Object> arguments) {
        Map<String, Object> raw = new LinkedHashMap<>(arguments);
        for (GraphQLArgument argument : field.getArguments()) {
            Set<String> types = ofArgument(coordinates, argument.getName());
            if (types == ANY || !raw.containsKey(argument.getName())) {
                continue;
            }
            raw.put(
                    argument.getName(),
                    rawIds(argument.getName(), argument.getType(), raw.get(argument.getName()), types));
        }
        return raw;
    }

    private static Object rawIds(String name, GraphQLType type, Object value, Set<String> types) {
        if (value == null) {
            return null;
        }
        GraphQLType inner = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
        if (inner instanceof GraphQLList list && value instanceof List<?> items) {
            return items.stream()
                    .map(item -> rawIds(name, list.getWrappedType(), item, types))
                    .toList();
        }
        if (inner instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
            Map<String, Object> copy = new LinkedHashMap<>();
            fields.forEach((k, v) -> copy.put(String.valueOf(k), v));
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                if (copy.containsKey(field.getName())) {
                    copy.put(
                            field.getName(),
                            rawIds(
                                    field.getName(),
                                    field.getType(),
                                    copy.get(field.getName()),
                                    ofInputField(field.getName())));
                }
            }
            return copy;
        }
        if (inner instanceof GraphQLScalarType scalar
                && "ID".equals(scalar.getName())
                && !types.isEmpty()
                && GlobalIds.looksGlobal(value.toString())) {
            return GlobalIds.accept(name, value.toString(), types).last();
        }
        return value;
    }

    static boolean isId(GraphQLInputType type) {
        return unwrap(type) instanceof GraphQLScalarType scalar && "ID".equals(scalar.getName());
    }

    private static GraphQLType unwrap(GraphQLType type) {
        GraphQLType inner = type;
        while (inner instanceof GraphQLNonNull || inner instanceof GraphQLList) {
            inner = inner instanceof GraphQLNonNull n ? n.getWrappedType() : ((GraphQLList) inner).getWrappedType();
        }
        return inner;
    }
}
