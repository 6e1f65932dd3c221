package dev.orgql.graphql;

import dev.orgql.logto.LogtoPath;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.SelectedField;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one check of every argument value before anything acts on it: each root field (of {@code Query}
 * and {@code Mutation}) first checks its own arguments and those of every field selected below it, so
 * that a bad value anywhere in the request reaches neither the {@code @requiresScope} check (which may
 * look up scopes in Logto) nor any fetcher: no Logto call is made for it.
 *
 * <p>The rules, by type ({@link LogtoPath} holds them, so paths built later obey the same):
 * <ul>
 *   <li>{@code ID}: 1 to 128 letters, digits, {@code -} and {@code _}: what Logto's ids are made of; or,
 *       where the argument names a {@code Node} ({@link IdArguments}), a global id of that type
 *       ({@link GlobalIds}: decoded strictly, each part such a Logto id, a member's or bot's
 *       organization the one the same input names), which the fetchers then see as its Logto id;</li>
 *   <li>{@code String}: no control character and no unpaired surrogate; a {@code description} may hold
 *       tab and line breaks; a field argument (search text, a cursor: these go into a URL) is at most
 *       512 characters, text inside a mutation's input is left to Logto's own length rules;</li>
 *   <li>{@code JSON} ({@code customData}): keys as {@code String}; string values may hold line breaks
 *       and other control characters (they are stored escaped and come back as sent) but no NUL (which
 *       Logto's database refuses: 500) and no unpaired surrogate; numbers must be finite.</li>
 * </ul>
 * A refusal is {@code BAD_USER_INPUT} naming the argument: a mutation's own input gives a
 * {@code userErrors} entry (the mutation does nothing), anything else a field error.
 *
 * <p>Registered as a wiring for every schema element; graphql-java applies such wirings after the
 * named directive's, so this check wraps the {@code @requiresScope} guard and runs first.
 */
public final class InputCheck implements SchemaDirectiveWiring {
    private static final String ROOT_QUERY = "Query";
    private static final String ROOT_MUTATION = "Mutation";

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        GraphQLFieldsContainer parent = env.getFieldsContainer();
        if (parent == null) {
            return env.getElement();
        }
        GraphQLFieldDefinition field = env.getElement();
        FieldCoordinates coordinates = FieldCoordinates.coordinates(parent, field);
        String at = parent.getName() + "." + field.getName();
        if (IdArguments.takesGlobalIds(at, field)) {
            // Inside the check and around the @requiresScope guard: access and fetchers see Logto ids only.
            DataFetcher<?> fetcher = env.getCodeRegistry().getDataFetcher(coordinates, field);
            env.getCodeRegistry().dataFetcher(coordinates, (DataFetcher<Object>)
                    fetchEnv -> fetcher.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(fetchEnv)
                            .arguments(IdArguments.rawIds(at, field, fetchEnv.getArguments()))
                            .build()));
        }
        if (!(ROOT_QUERY.equals(parent.getName()) || ROOT_MUTATION.equals(parent.getName()))) {
            return field;
        }
        boolean mutation = ROOT_MUTATION.equals(parent.getName());
        DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(coordinates, field);
        env.getCodeRegistry().dataFetcher(coordinates, (DataFetcher<Object>) fetchEnv -> {
            Problem problem = check(fetchEnv);
            if (problem == null) {
                return original.get(fetchEnv);
            }
            if (mutation && problem.path().size() > 0 && problem.path().get(0).equals("input")) {
                return Mutations.failed(new UserError(problem.path(), problem.message(), UserErrorCode.BAD_USER_INPUT));
            }
            return GatewayErrors.fail(
                    fetchEnv,
                    ErrorCode.BAD_USER_INPUT,
                    problem.message(),
                    Map.of("field", String.join(".", problem.path())));
        });
        return field;
    }

    /** What is wrong, and where: the argument path, e.g. {@code [input, userIds, 1]} or {@code [members, search]}. */
    record Problem(List<String> path, String message) {}

    /** No problem: kept in {@link #nested} like a problem, since its maps hold no null. */
    private static final Problem NONE = new Problem(List.of(), "");

    /**
     * The arguments inside a root field's selection depend on the document and the variables alone, and
     * listing every selected field was a top cost of a repeated query: checked once per document, operation,
     * variables and root field.
     */
    private final PerDocument<Problem> nested = new PerDocument<>();

    Problem check(DataFetchingEnvironment env) {
        try {
            String root = env.getExecutionStepInfo().getObjectType().getName() + "."
                    + env.getFieldDefinition().getName();
            arguments(List.of(), root, env.getFieldDefinition().getArguments(), env.getArguments());
        } catch (Refused refused) {
            return new Problem(refused.path, refused.getMessage());
        }
        if (env.getSelectionSet() == null) {
            return null;
        }
        Problem found = nested.get(
                env.getDocument(),
                env.getOperationDefinition().getName(),
                env.getVariables(),
                env.getExecutionStepInfo().getPath().getKeysOnly(),
                () -> nestedProblem(env));
        return found == NONE ? null : found;
    }

    private static Problem nestedProblem(DataFetchingEnvironment env) {
        try {
            for (SelectedField selected : selectedFields(env)) {
                if (selected.getArguments().isEmpty()
                        || selected.getFieldDefinitions().isEmpty()) {
                    continue;
                }
                GraphQLFieldDefinition definition =
                        selected.getFieldDefinitions().get(0);
                List<String> at = List.of(selected.getQualifiedName().split("/"));
                String coordinates = selected.getObjectTypeNames().get(0) + "." + definition.getName();
                arguments(at, coordinates, definition.getArguments(), selected.getArguments());
            }
            return NONE;
        } catch (Refused refused) {
            return new Problem(refused.path, refused.getMessage());
        }
    }

    private static List<SelectedField> selectedFields(DataFetchingEnvironment env) {
        try {
            return env.getSelectionSet().getFields();
        } catch (AbortExecutionException e) {
            // graphql-java's own bound on the fields it will list; the query limits refuse far smaller queries.
            throw new GatewayException(ErrorCode.QUERY_TOO_COMPLEX, e.getMessage());
        }
    }

    private static void arguments(
            List<String> at, String coordinates, List<GraphQLArgument> definitions, Map<String, Object> values) {
        String organization = organizationOf(at, values);
        for (GraphQLArgument argument : definitions) {
            walk(
                    append(at, argument.getName()),
                    argument.getType(),
                    values.get(argument.getName()),
                    true,
                    new Ids(IdArguments.ofArgument(coordinates, argument.getName()), organization));
        }
    }

    /**
     * What an {@code ID} value may name ({@link IdArguments}), and the organization the same arguments or
     * input name (raw), which the organization of a {@code Member} or {@code Bot} id must match.
     */
    private record Ids(Set<String> types, String organization) {}

    private static String organizationOf(List<String> at, Map<?, ?> values) {
        Object given = values.get("organizationId");
        if (given == null) {
            return null;
        }
        List<String> path = append(at, "organizationId");
        try {
            GlobalIds.Decoded decoded = GlobalIds.accept(
                    String.join(".", path), given.toString(), IdArguments.ofInputField("organizationId"));
            return decoded == null ? given.toString() : decoded.last();
        } catch (LogtoPath.InvalidInputException e) {
            throw new Refused(path, e.getMessage());
        }
    }

    private static void walk(List<String> path, GraphQLType type, Object value, boolean fieldArgument, Ids ids) {
        if (value == null) {
            return;
        }
        if (type instanceof GraphQLNonNull nonNull) {
            walk(path, nonNull.getWrappedType(), value, fieldArgument, ids);
        } else if (type instanceof GraphQLList list && value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                walk(append(path, String.valueOf(i)), list.getWrappedType(), items.get(i), fieldArgument, ids);
            }
        } else if (type instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
            String organization = organizationOf(path, fields);
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                walk(
                        append(path, field.getName()),
                        field.getType(),
                        fields.get(field.getName()),
                        false,
                        new Ids(IdArguments.ofInputField(field.getName()), organization));
            }
        } else if (type instanceof GraphQLScalarType scalar) {
            scalar(path, scalar.getName(), value, fieldArgument, ids);
        }
    }

    private static void id(String name, String value, Ids ids) {
        if (ids.types().isEmpty()) {
            LogtoPath.checkId(name, value);
        } else if (ids.types() == IdArguments.ANY) {
            GlobalIds.decode(name, value);
        } else {
            GlobalIds.Decoded decoded = GlobalIds.accept(name, value, ids.types());
            if (decoded != null
                    && decoded.parts().size() > 1
                    && ids.organization() != null
                    && !decoded.parts().get(0).equals(ids.organization())) {
                throw new LogtoPath.InvalidInputException(
                        name,
                        "is the id of a " + decoded.type() + " of organization "
                                + decoded.parts().get(0) + ", not of organization " + ids.organization());
            }
        }
    }

    private static void scalar(List<String> path, String scalar, Object value, boolean fieldArgument, Ids ids) {
        String name = String.join(".", path);
        try {
            switch (scalar) {
                case "ID" -> id(name, value.toString(), ids);
                case "String" -> {
                    String text = value.toString();
                    LogtoPath.checkText(name, text, path.get(path.size() - 1).equals("description"));
                    if (fieldArgument && text.length() > LogtoPath.MAX_VALUE_LENGTH) {
                        throw new LogtoPath.InvalidInputException(
                                name, "is too long (at most " + LogtoPath.MAX_VALUE_LENGTH + " characters)");
                    }
                }
                case "JSON" -> json(name, value);
                default -> {}
            }
        } catch (LogtoPath.InvalidInputException e) {
            throw new Refused(path, e.getMessage());
        }
    }

    private static void json(String name, Object value) {
        if (value instanceof String text) {
            int bad = nulOrBrokenSurrogate(text);
            if (bad >= 0) {
                throw new LogtoPath.InvalidInputException(
                        name, "must not contain " + LogtoPath.describe(text, bad) + " (at position " + bad + ")");
            }
        } else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            throw new LogtoPath.InvalidInputException(name, "holds a number JSON cannot represent (" + value + ")");
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                json(name + "." + i, list.get(i));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                int bad = LogtoPath.firstBadCharacter(key, false);
                if (bad >= 0) {
                    throw new LogtoPath.InvalidInputException(
                            name, "has a key with " + LogtoPath.describe(key, bad) + " (at position " + bad + ")");
                }
                json(name + "." + key, entry.getValue());
            }
        }
    }

    /**
     * Control characters other than NUL survive the round trip through Logto (stored escaped in its
     * JSON column, read back as sent); NUL and unpaired surrogates do not.
     */
    private static int nulOrBrokenSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (c == 0 || Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> append(List<String> path, String part) {
        List<String> longer = new ArrayList<>(path);
        longer.add(part);
        return longer;
    }

    /** Ends the walk at the first refused value. */
    private static final class Refused extends RuntimeException {
        private final List<String> path;

        Refused(List<String> path, String message) {
            super(message, null, false, false);
            this.path = List.copyOf(path);
        }
    }
}
