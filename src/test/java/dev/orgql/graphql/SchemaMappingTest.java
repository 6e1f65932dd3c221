package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.GatewayTest;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The schema mapping inspection (as Spring GraphQL's): the compiler cannot see the SDL, so this test
 * walks it from {@code Query} and {@code Mutation} along the Java types that back each object type —
 * the return type of a field's data fetcher, or else the accessor of the parent's Java type named
 * like the field — and requires every field of every reachable object type to be served one way or
 * the other. It also requires every fetcher to name a field, and every SDL input type to have its
 * record (read by {@link Inputs}) with exactly the input's fields.
 *
 * <p>A test rather than a start-up check: the input records live in the feature packages, which
 * {@code graphql} does not depend on, and a mapping mistake is a programming error to catch before a
 * build ships, not a condition to detect on each start.
 */
@MicronautTest
class SchemaMappingTest extends GatewayTest {
    /** Where the input records are declared: one holder per feature package. */
    private static final List<String> INPUT_HOLDERS = List.of(
            "dev.orgql.organization.OrganizationInputs",
            "dev.orgql.member.MemberInputs",
            "dev.orgql.bot.BotInputs",
            "dev.orgql.role.TemplateInputs",
            "dev.orgql.invitation.InvitationInputs",
            "dev.orgql.joinrule.JoinRuleInputs");

    @Inject
    GraphQLSchema schema;

    @Inject
    List<GatewayFetcher<?>> fetchers;

    @Inject
    NodeQueries.Registry nodes;

    /** A Java type with its type arguments resolved. */
    record JavaType(Class<?> raw, List<JavaType> arguments) {
        static final JavaType OBJECT = new JavaType(Object.class, List.of());

        @Override
        public String toString() {
            return raw.getSimpleName() + (arguments.isEmpty() ? "" : arguments.toString());
        }
    }

    @Test
    void everyObjectFieldHasAFetcherOrAnAccessor() {
        Map<String, JavaType> byFetcher = new HashMap<>();
        for (GatewayFetcher<?> fetcher : fetchers) {
            byFetcher.put(fetcher.coordinates(), returnType(fetcher.getClass()));
        }
        // Each Node type's global and raw ids are wired from its NodeResolver (GraphQLFactory).
        JavaType string = new JavaType(String.class, List.of());
        for (NodeResolver resolver : nodes.all()) {
            byFetcher.put(resolver.type() + ".id", string);
            byFetcher.put(resolver.type() + "." + resolver.rawIdField(), string);
        }
        List<String> problems = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType())) {
            walk(root, null, byFetcher, visited, problems);
        }
        assertThat(problems).isEmpty();
        // Every object type of the SDL is reached (nothing is served only by accident).
        List<String> unreached = schema.getAllTypesAsList().stream()
                .filter(t -> t instanceof GraphQLObjectType && !t.getName().startsWith("__"))
                .map(GraphQLNamedType::getName)
                .filter(name -> visited.stream().noneMatch(v -> v.startsWith(name + "@")))
                .toList();
        assertThat(unreached).isEmpty();
    }

    @Test
    void everyFetcherServesAField() {
        List<String> stray = fetchers.stream()
                .map(GatewayFetcher::coordinates)
                .filter(coordinates -> {
                    String[] parts = coordinates.split("\\.");
                    GraphQLObjectType type = schema.getObjectType(parts[0]);
                    return type == null || type.getFieldDefinition(parts[1]) == null;
                })
                .toList();
        assertThat(stray).isEmpty();
    }

    @Test
    void everyInputTypeIsARecordWithItsFields() throws Exception {
        Map<String, Class<?>> records = new TreeMap<>();
        for (String holder : INPUT_HOLDERS) {
            for (Class<?> nested : Class.forName(holder).getDeclaredClasses()) {
                if (nested.isRecord() && nested.getSimpleName().endsWith("Input")) {
                    assertThat(records.put(nested.getSimpleName(), nested))
                            .as("two records " + nested.getSimpleName())
                            .isNull();
                }
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, List<String>> actual = new TreeMap<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type instanceof GraphQLInputObjectType input && !type.getName().startsWith("__")) {
                expected.put(
                        input.getName(),
                        input.getFieldDefinitions().stream()
                                .map(GraphQLInputObjectField::getName)
                                .sorted()
                                .toList());
                Class<?> record = records.get(input.getName());
                actual.put(
                        input.getName(),
                        record == null
                                ? List.of("<no record>")
                                : Arrays.stream(record.getRecordComponents())
                                        .map(RecordComponent::getName)
                                        .sorted()
                                        .toList());
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(records.keySet()).isEqualTo(expected.keySet());
    }

    private void walk(
            GraphQLObjectType type,
            JavaType backing,
            Map<String, JavaType> byFetcher,
            Set<String> visited,
            List<String> problems) {
        if (!visited.add(type.getName() + "@" + backing)) {
            return;
        }
        for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
            String coordinates = type.getName() + "." + field.getName();
            JavaType fieldType = byFetcher.get(coordinates);
            if (fieldType == null) {
                if (backing == null) {
                    problems.add(coordinates + ": no data fetcher");
                    continue;
                }
                fieldType = accessor(backing, field.getName());
                if (fieldType == null) {
                    problems.add(coordinates + ": no data fetcher, and " + backing + " has no accessor "
                            + field.getName() + "()");
                    continue;
                }
            }
            if (GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLObjectType object) {
                JavaType element = unwrap(fieldType);
                if (element.raw() == Object.class || Map.class.isAssignableFrom(element.raw())) {
                    problems.add(coordinates + ": backed by the untyped " + element);
                    continue;
                }
                walk(object, element, byFetcher, visited, problems);
            }
        }
    }

    /** The type a fetcher's {@code get} returns, declared on its class or a superclass. */
    private static JavaType returnType(Class<?> fetcher) {
        for (Class<?> c = fetcher; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals("get")
                        && !method.isBridge()
                        && method.getParameterCount() == 1
                        && method.getParameterTypes()[0] == DataFetchingEnvironment.class) {
                    return resolve(method.getGenericReturnType(), Map.of());
                }
            }
        }
        throw new AssertionError(fetcher + " has no get(DataFetchingEnvironment)");
    }

    /** The type graphql-java's property fetcher would read for {@code name}: a public no-argument method of that name. */
    private static JavaType accessor(JavaType owner, String name) {
        Method found = null;
        for (Method method : owner.raw().getMethods()) {
            if (method.getName().equals(name)
                    && method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers())
                    && !method.isBridge()) {
                found = method;
            }
        }
        if (found == null) {
            for (Method method : owner.raw().getDeclaredMethods()) {
                if (method.getName().equals(name)
                        && method.getParameterCount() == 0
                        && !Modifier.isStatic(method.getModifiers())) {
                    found = method;
                }
            }
        }
        if (found == null) {
            return null;
        }
        Map<TypeVariable<?>, JavaType> bindings = new HashMap<>();
        TypeVariable<?>[] variables = owner.raw().getTypeParameters();
        for (int i = 0; i < variables.length && i < owner.arguments().size(); i++) {
            bindings.put(variables[i], owner.arguments().get(i));
        }
        return resolve(found.getGenericReturnType(), bindings);
    }

    /** The object a list, a future or a result stands for. */
    private static JavaType unwrap(JavaType type) {
        Class<?> raw = type.raw();
        if (CompletionStage.class.isAssignableFrom(raw)
                || Collection.class.isAssignableFrom(raw)
                || raw == Optional.class
                || raw == DataFetcherResult.class) {
            return unwrap(
                    type.arguments().isEmpty()
                            ? JavaType.OBJECT
                            : type.arguments().get(0));
        }
        return type;
    }

    private static JavaType resolve(Type type, Map<TypeVariable<?>, JavaType> bindings) {
        if (type instanceof Class<?> c) {
            return new JavaType(c, List.of());
        }
        if (type instanceof ParameterizedType p) {
            return new JavaType(
                    (Class<?>) p.getRawType(),
                    Arrays.stream(p.getActualTypeArguments())
                            .map(argument -> resolve(argument, bindings))
                            .toList());
        }
        if (type instanceof TypeVariable<?> variable) {
            return bindings.getOrDefault(variable, JavaType.OBJECT);
        }
        if (type instanceof WildcardType wildcard) {
            return resolve(wildcard.getUpperBounds()[0], bindings);
        }
        return JavaType.OBJECT;
    }
}
