package dev.orgql.graphql;

import dev.orgql.access.AccessRules;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionStepInfo;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code Query.node} and {@code Query.nodes}: a global id is decoded (it was checked strictly by
 * {@link InputCheck} before anything ran), its type's {@link NodeResolver} found, and the object
 * fetched under the access rule of the type's normal path, decided by {@link RequiresScopeWiring} as for
 * any field. {@code nodes} resolves each id the same way, all in the same DataLoader batches, and reports
 * each refusal at its own position.
 */
public final class NodeQueries {
    /** The most ids one {@code nodes} takes. */
    public static final int MAX_IDS = 100;

    private NodeQueries() {}

    /** The resolvers by type, checked at start-up against the known types and the access rules. */
    @Singleton
    static class Registry {
        private final Map<String, NodeResolver> byType;
        private final List<NodeResolver> all;

        Registry(List<NodeResolver> resolvers, AccessRules rules) {
            this.all = List.copyOf(resolvers);
            this.byType = resolvers.stream().collect(Collectors.toMap(NodeResolver::type, Function.identity()));
            for (String type : GlobalIds.PARTS.keySet()) {
                if (!byType.containsKey(type)) {
                    throw new IllegalStateException("No NodeResolver refetches " + type);
                }
            }
            for (NodeResolver resolver : resolvers) {
                if (!GlobalIds.PARTS.containsKey(resolver.type())) {
                    throw new IllegalStateException(resolver.type() + " has no global id (GlobalIds.PARTS)");
                }
                int dot = resolver.path().indexOf('.');
                if (dot < 0
                        || rules.of(
                                        resolver.path().substring(0, dot),
                                        resolver.path().substring(dot + 1))
                                .isEmpty()) {
                    // A node is never readable without the rule of a path a client could read it through.
                    throw new IllegalStateException(
                            resolver.type() + ": its path " + resolver.path() + " has no @requiresScope rule");
                }
            }
        }

        NodeResolver of(String type) {
            return byType.get(type);
        }

        List<NodeResolver> all() {
            return all;
        }

        /** The type of a value some {@code Node} field answers with. */
        String typeOf(Object value) {
            return all.stream()
                    .filter(r -> r.owns(value))
                    .findFirst()
                    .map(NodeResolver::type)
                    .orElseThrow(() -> new IllegalStateException(
                            "No Node type for " + value.getClass().getName()));
        }
    }

    @Singleton
    static class Node implements GatewayFetcher<Object> {
        private final Registry registry;
        private final RequiresScopeWiring access;

        Node(Registry registry, RequiresScopeWiring access) {
            this.registry = registry;
            this.access = access;
        }

        @Override
        public String coordinates() {
            return "Query.node";
        }

        @Override
        public Object get(DataFetchingEnvironment env) throws Exception {
            return one(registry, access, env, GlobalIds.decode("id", env.getArgument("id")));
        }
    }

    @Singleton
    static class Nodes implements GatewayFetcher<CompletableFuture<DataFetcherResult<List<Object>>>> {
        private final Registry registry;
        private final RequiresScopeWiring access;

        Nodes(Registry registry, RequiresScopeWiring access) {
            this.registry = registry;
            this.access = access;
        }

        @Override
        public String coordinates() {
            return "Query.nodes";
        }

        @Override
        public CompletableFuture<DataFetcherResult<List<Object>>> get(DataFetchingEnvironment env) {
            List<String> ids = env.getArgument("ids");
            if (ids.size() > MAX_IDS) {
                // QueryLimits refuses it before execution; this keeps the bound where the list is read.
                throw new GatewayException(
                        ErrorCode.BAD_USER_INPUT, "`ids` takes at most " + MAX_IDS + " ids (got " + ids.size() + ").");
            }
            List<CompletableFuture<DataFetcherResult<Object>>> items = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                DataFetchingEnvironment at = at(env, i);
                GlobalIds.Decoded id = GlobalIds.decode("ids." + i, ids.get(i));
                items.add(settled(at, () -> one(registry, access, at, id)));
            }
            return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new))
                    .thenApply(done -> {
                        List<Object> data = new ArrayList<>();
                        List<GraphQLError> errors = new ArrayList<>();
                        for (CompletableFuture<DataFetcherResult<Object>> item : items) {
                            DataFetcherResult<Object> result = item.join();
                            data.add(result.getData());
                            errors.addAll(result.getErrors());
                        }
                        return DataFetcherResult.<List<Object>>newResult()
                                .data(data)
                                .errors(errors)
                                .build();
                    });
        }

        /** The environment of position {@code i}: errors built from it carry the item's path. */
        private static DataFetchingEnvironment at(DataFetchingEnvironment env, int i) {
            ExecutionStepInfo info = env.getExecutionStepInfo();
            return DataFetchingEnvironmentImpl.newDataFetchingEnvironment(env)
                    .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo(info)
                            .path(info.getPath().segment(i))
                            .build())
                    .build();
        }
    }

    /** One object under its normal path's rule; null with {@code NOT_FOUND} when it does not exist. */
    private static Object one(
            Registry registry, RequiresScopeWiring access, DataFetchingEnvironment env, GlobalIds.Decoded id)
            throws Exception {
        NodeResolver resolver = registry.of(id.type());
        DataFetcher<Object> fetch = e -> resolver.fetch(id.parts(), e)
                .thenApply(found -> found != null
                        ? found
                        : GatewayErrors.fail(
                                e,
                                ErrorCode.NOT_FOUND,
                                "No " + id.type() + " has this id (" + String.join(", ", id.parts()) + ").",
                                null));
        return access.guard(resolver.path(), env, id.parts(), fetch);
    }

    private interface Step {
        Object get() throws Exception;
    }

    /** Whatever one position comes to (a value, a result with errors, a stage, a failure), as one result. */
    @SuppressWarnings("unchecked")
    private static CompletableFuture<DataFetcherResult<Object>> settled(DataFetchingEnvironment env, Step step) {
        CompletableFuture<Object> outcome;
        try {
            Object value = step.get();
            outcome = value instanceof CompletionStage<?> stage
                    ? ((CompletionStage<Object>) stage).toCompletableFuture()
                    : CompletableFuture.completedFuture(value);
        } catch (Exception e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((value, failure) -> {
            if (failure != null) {
                return DataFetcherResult.<Object>newResult()
                        .error(GatewayErrors.fromException(env, failure))
                        .build();
            }
            if (value instanceof DataFetcherResult<?> result) {
                if (result.getData() instanceof CompletionStage<?>) {
                    throw new IllegalStateException("A nested stage in a node's result");
                }
                return (DataFetcherResult<Object>) result;
            }
            return DataFetcherResult.newResult().data(value).build();
        });
    }
}
