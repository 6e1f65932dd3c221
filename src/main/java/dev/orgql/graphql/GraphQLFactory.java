package dev.orgql.graphql;

import dev.orgql.logto.Telemetry;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.io.ResourceResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Builds the schema from the SDL in {@code schema/} and wires every {@link GatewayFetcher} and the
 * {@code @requiresScope} directive. Created eagerly: a schema that does not load, or a field wired
 * twice or to a field that does not exist, stops start-up instead of failing the first request.
 */
@Factory
public class GraphQLFactory {
    /** The SDL files, in the order they are served at {@code /graphql/schema.graphql}. */
    public static final List<String> SCHEMA_FILES = List.of("schema/orgql.graphqls", "schema/mutations.graphqls");

    @Bean
    @Context
    SchemaSource schemaSource(ResourceResolver resources) {
        StringBuilder sdl = new StringBuilder();
        for (String file : SCHEMA_FILES) {
            try (InputStream in = resources
                    .getResourceAsStream("classpath:" + file)
                    .orElseThrow(() ->
                            new IllegalStateException("The schema file " + file + " is missing from the classpath"))) {
                sdl.append(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SchemaSource(sdl.toString());
    }

    @Bean
    @Context
    GraphQLSchema graphQLSchema(
            SchemaSource source,
            List<GatewayFetcher<?>> features,
            RequiresScopeWiring scopeWiring,
            NodeQueries.Registry nodes) {
        TypeDefinitionRegistry registry = new SchemaParser().parse(source.sdl());
        RuntimeWiring.Builder wiring =
                RuntimeWiring.newRuntimeWiring().directive(RequiresScopeDirective.NAME, scopeWiring);
        // Scalars.ID replaces the built-in ID (stricter variables), which strict mode would refuse.
        wiring.strictMode(false);
        Scalars.all().forEach(wiring::scalar);
        wiring.strictMode(true);
        // For every element, and applied after the named directive's wiring: it checks arguments first.
        wiring.directiveWiring(new InputCheck());

        List<GatewayFetcher<?>> fetchers = new ArrayList<>(features);
        fetchers.addAll(idFields(nodes));
        wiring.type(TypeRuntimeWiring.newTypeWiring("Node")
                .typeResolver(env -> env.getSchema().getObjectType(nodes.typeOf(env.getObject())))
                .build());

        Set<String> seen = new HashSet<>();
        Map<String, List<GatewayFetcher<?>>> byType = fetchers.stream()
                .collect(Collectors.groupingBy(
                        f -> f.coordinates().substring(0, f.coordinates().indexOf('.'))));
        byType.forEach((type, typeFetchers) -> {
            TypeRuntimeWiring.Builder typeWiring = TypeRuntimeWiring.newTypeWiring(type);
            for (GatewayFetcher<?> fetcher : typeFetchers) {
                String field = fetcher.coordinates().substring(type.length() + 1);
                if (!seen.add(fetcher.coordinates())) {
                    throw new IllegalStateException("Two data fetchers for " + fetcher.coordinates());
                }
                var definition = registry.getType(type)
                        .orElseThrow(() -> new IllegalStateException(
                                fetcher.getClass().getName() + " wires unknown type " + type));
                boolean exists = definition.getChildren().stream()
                                .anyMatch(node -> node instanceof graphql.language.FieldDefinition fd
                                        && fd.getName().equals(field))
                        || registry.objectTypeExtensions().getOrDefault(type, List.of()).stream()
                                .flatMap(ext -> ext.getFieldDefinitions().stream())
                                .anyMatch(fd -> fd.getName().equals(field));
                if (!exists) {
                    throw new IllegalStateException(
                            fetcher.getClass().getName() + " wires unknown field " + fetcher.coordinates());
                }
                typeWiring.dataFetcher(field, settledAtOnce(fetcher));
            }
            wiring.type(typeWiring);
        });

        GraphQLSchema schema = withRecordFields(new SchemaGenerator().makeExecutableSchema(registry, wiring.build()));
        IdArguments.check(schema);
        return schema;
    }

    /**
     * A fetcher whose future is already complete answers with its value: graphql-java then completes the
     * field and everything below it at once, where a future, even a finished one, costs a chain of
     * stages per field (a member's roles, read from the held template, made every member of a page
     * asynchronous). A future still running or failed is answered as it is.
     */
    private static DataFetcher<?> settledAtOnce(DataFetcher<?> fetcher) {
        return env -> {
            Object result = fetcher.get(env);
            if (result instanceof CompletableFuture<?> future
                    && future.isDone()
                    && !future.isCompletedExceptionally()) {
                return future.join();
            }
            return result;
        };
    }

    /** Every object field without a fetcher of its own reads its source record ({@link RecordFieldFetcher}). */
    private static GraphQLSchema withRecordFields(GraphQLSchema schema) {
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry());
        for (GraphQLNamedType named : schema.getAllTypesAsList()) {
            if (!(named instanceof GraphQLObjectType type) || type.getName().startsWith("__")) {
                continue;
            }
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                FieldCoordinates coordinates = FieldCoordinates.coordinates(type, field);
                if (!code.hasDataFetcher(coordinates)) {
                    code.dataFetcher(coordinates, new RecordFieldFetcher(field.getName()));
                }
            }
        }
        return schema.transform(builder -> builder.codeRegistry(code.build()));
    }

    /** Each {@code Node} type's {@code id} (its global id) and the field with its own Logto id. */
    private static List<GatewayFetcher<?>> idFields(NodeQueries.Registry nodes) {
        List<GatewayFetcher<?>> fields = new ArrayList<>();
        for (NodeResolver resolver : nodes.all()) {
            fields.add(field(
                    resolver.type() + ".id",
                    env -> GlobalIds.encode(resolver.type(), resolver.parts(env.getSource()))));
            fields.add(field(resolver.type() + "." + resolver.rawIdField(), env -> {
                List<String> parts = resolver.parts(env.getSource());
                return parts.get(parts.size() - 1);
            }));
        }
        return fields;
    }

    private static GatewayFetcher<String> field(String coordinates, DataFetcher<String> fetcher) {
        return new GatewayFetcher<>() {
            @Override
            public String coordinates() {
                return coordinates;
            }

            @Override
            public String get(graphql.schema.DataFetchingEnvironment env) throws Exception {
                return fetcher.get(env);
            }
        };
    }

    /** Shared by {@link GatewayInvocation}, which parses each request once, and graphql-java, which validates it. */
    @Bean
    @Context
    DocumentCache documentCache(GraphQLSchema schema, QueryLimits.Settings limits, Telemetry telemetry) {
        return new DocumentCache(schema, limits, telemetry);
    }

    @Bean
    @Context
    GraphQL graphQL(
            GraphQLSchema schema,
            GatewayExceptionHandler exceptionHandler,
            QueryLimits.Settings limits,
            DocumentCache documents) {
        return GraphQL.newGraphQL(schema)
                .queryExecutionStrategy(new AsyncExecutionStrategy(exceptionHandler))
                .mutationExecutionStrategy(new AsyncSerialExecutionStrategy(exceptionHandler))
                .instrumentation(QueryLimits.instrumentation(limits))
                .preparsedDocumentProvider(documents)
                .build();
    }

    /** The SDL as served to clients. */
    public record SchemaSource(String sdl) {}
}
