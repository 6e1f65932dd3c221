package dev.orgql.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.introspection.GoodFaithIntrospection;
import graphql.introspection.Introspection;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The limits on what one request may ask ({@code orgql.limits.*}), in three places, each before any call
 * to Logto, all refused with {@code extensions.code = QUERY_TOO_COMPLEX}:
 * <ol>
 * <li>the parser limits (tokens, whitespace tokens, rule depth, characters), in {@link DocumentCache},
 * before the token is checked;</li>
 * <li>{@link #checkOperation}: fields, aliases and depth of the operation, fragments counted where they
 * are spread, also before the token is checked (they do not depend on variables);</li>
 * <li>{@link #instrumentation}: the page sizes ({@code first}, refused as {@code BAD_USER_INPUT} when out
 * of range) and the complexity they imply, when the operation starts.</li>
 * </ol>
 * Every field counts, {@code __typename} and introspection fields included: fourteen thousand
 * {@code __typename}s cost as much to answer as fourteen thousand names.
 */
final class QueryLimits {
    /** What a request without a token may ask: graphql-java's good-faith introspection figure. */
    static final int ANONYMOUS_MAX_FIELDS = GoodFaithIntrospection.GOOD_FAITH_MAX_FIELDS_COUNT;

    private QueryLimits() {}

    @ConfigurationProperties("orgql.limits")
    static class Settings {
        private int maxDepth = 12;
        private int maxComplexity = 5000;
        private int maxAliases = 30;
        private int maxTokens = 5000;
        private int maxWhitespaceTokens = 20_000;
        private int maxRuleDepth = 100;
        private int maxCharacters = 65_536;
        private int anonymousMaxTokens = 1000;

        public int getMaxDepth() {
            return maxDepth;
        }

        public void setMaxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
        }

        public int getMaxComplexity() {
            return maxComplexity;
        }

        public void setMaxComplexity(int maxComplexity) {
            this.maxComplexity = maxComplexity;
        }

        public int getMaxAliases() {
            return maxAliases;
        }

        public void setMaxAliases(int maxAliases) {
            this.maxAliases = maxAliases;
        }

        public int getMaxTokens() {
            return maxTokens;
        }

        public void setMaxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
        }

        public int getMaxWhitespaceTokens() {
            return maxWhitespaceTokens;
        }

        public void setMaxWhitespaceTokens(int maxWhitespaceTokens) {
            this.maxWhitespaceTokens = maxWhitespaceTokens;
        }

        public int getMaxRuleDepth() {
            return maxRuleDepth;
        }

        public void setMaxRuleDepth(int maxRuleDepth) {
            this.maxRuleDepth = maxRuleDepth;
        }

        public int getMaxCharacters() {
            return maxCharacters;
        }

        public void setMaxCharacters(int maxCharacters) {
            this.maxCharacters = maxCharacters;
        }

        public int getAnonymousMaxTokens() {
            return anonymousMaxTokens;
        }

        public void setAnonymousMaxTokens(int anonymousMaxTokens) {
            this.anonymousMaxTokens = anonymousMaxTokens;
        }
    }

    static GraphQLError tooComplex(String message, String limit, long value, int max) {
        return GraphqlErrorBuilder.newError()
                .message(message)
                .extensions(
                        Map.of("code", ErrorCode.QUERY_TOO_COMPLEX.name(), "limit", limit, "value", value, "max", max))
                .build();
    }

    /** The size of an operation, fragments counted at every spread. */
    record Measure(long fields, long aliases, int depth, long visited) {}

    /**
     * Fields, aliases and depth of {@code operation}, or the first limit it breaks; null when it keeps them.
     * {@code anonymous} requests get the introspection budget for fields. The depth leaves out what lies
     * under {@code __schema} and {@code __type}: introspection has graphql-java's good-faith limits instead
     * (checked during validation), because the standard introspection queries are 13 to 15 levels deep.
     */
    static GraphQLError checkOperation(
            Document document, OperationDefinition operation, Settings settings, boolean anonymous) {
        Measure measure = measure(document, operation);
        int maxFields =
                anonymous ? Math.min(ANONYMOUS_MAX_FIELDS, settings.getMaxComplexity()) : settings.getMaxComplexity();
        if (measure.fields() > maxFields) {
            String message = anonymous
                    ? "The query asks for " + measure.fields() + " fields; without a token at most " + maxFields
                            + " are allowed."
                    : "The query asks for " + measure.fields()
                            + " fields; its complexity is at least that, and at most " + maxFields + " is allowed.";
            return tooComplex(message, "complexity", measure.fields(), maxFields);
        }
        if (measure.aliases() > settings.getMaxAliases()) {
            return tooComplex(
                    "The query uses " + measure.aliases() + " aliases; at most " + settings.getMaxAliases()
                            + " are allowed.",
                    "aliases",
                    measure.aliases(),
                    settings.getMaxAliases());
        }
        if (measure.depth() > settings.getMaxDepth()) {
            return tooComplex(
                    "The query is " + measure.depth() + " levels deep; at most " + settings.getMaxDepth()
                            + " are allowed.",
                    "depth",
                    measure.depth(),
                    settings.getMaxDepth());
        }
        return null;
    }

    /**
     * One pass over the operation's selections. Each fragment is measured once and its figures added
     * wherever it is spread, so the work is proportional to the document (already bounded by the parser),
     * however often fragments spread each other. Counts saturate instead of overflowing.
     */
    static Measure measure(Document document, OperationDefinition operation) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.putIfAbsent(fragment.getName(), fragment);
        }
        Walk walk = new Walk(fragments);
        Measure measure = walk.selections(operation.getSelectionSet());
        return new Measure(measure.fields(), measure.aliases(), measure.depth(), walk.visited);
    }

    private static final class Walk {
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, Measure> measured = new HashMap<>();
        private final Set<String> inProgress = new HashSet<>();
        private long visited;

        Walk(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        Measure selections(SelectionSet set) {
            long fields = 0;
            long aliases = 0;
            int depth = 0;
            if (set == null) {
                return new Measure(0, 0, 0, 0);
            }
            for (Selection<?> selection : set.getSelections()) {
                visited++;
                Measure part;
                if (selection instanceof Field field) {
                    Measure children = selections(field.getSelectionSet());
                    boolean introspection = field.getName().equals(Introspection.SchemaMetaFieldDef.getName())
                            || field.getName().equals(Introspection.TypeMetaFieldDef.getName());
                    part = new Measure(
                            add(children.fields(), 1),
                            add(children.aliases(), field.getAlias() == null ? 0 : 1),
                            introspection ? 1 : children.depth() + 1,
                            0);
                } else if (selection instanceof InlineFragment inline) {
                    part = selections(inline.getSelectionSet());
                } else if (selection instanceof FragmentSpread spread) {
                    part = fragment(spread.getName());
                } else {
                    continue;
                }
                fields = add(fields, part.fields());
                aliases = add(aliases, part.aliases());
                depth = Math.max(depth, part.depth());
            }
            return new Measure(fields, aliases, depth, 0);
        }

        private Measure fragment(String name) {
            Measure known = measured.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition definition = fragments.get(name);
            if (definition == null || !inProgress.add(name)) {
                // An unknown or cyclic fragment: validation reports it.
                return new Measure(0, 0, 0, 0);
            }
            Measure measure = selections(definition.getSelectionSet());
            inProgress.remove(name);
            measured.put(name, measure);
            return measure;
        }

        private static long add(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }

    /**
     * Checks, when the operation starts (variables known), every {@code first} against the page sizes
     * the connections serve, then the complexity: a field costs 1, plus its selection times its page
     * size when it is a connection, so a query cannot ask for a hundred organizations of a hundred members
     * each without being noticed.
     */
    static Instrumentation instrumentation(Settings settings) {
        // The complexity is a function of the document, the operation and the variables, and walking the
        // document was a top cost of a request: it is kept per parsed document (DocumentCache hands out
        // one Document per query text), weakly, so it goes when the document leaves that cache.
        PerDocument<Complexity> costs = new PerDocument<>();
        return new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                ExecutionContext context = parameters.getExecutionContext();
                Complexity complexity = cachedComplexity(costs, context);
                context.getGraphQLContext().put(COST, complexity.value());
                if (!complexity.badPageSizes().isEmpty()) {
                    throw new AbortExecutionException(complexity.badPageSizes());
                }
                if (complexity.value() > settings.getMaxComplexity()) {
                    throw new AbortExecutionException(List.of(tooComplex(
                            "The query's complexity is " + complexity.value() + "; at most "
                                    + settings.getMaxComplexity() + " is allowed. Ask for smaller pages.",
                            "complexity",
                            complexity.value(),
                            settings.getMaxComplexity())));
                }
                return SimpleInstrumentationContext.noOp();
            }

            /** {@code extensions.cost}: what the operation cost and the limit, so a client can plan for it. */
            @Override
            public CompletableFuture<ExecutionResult> instrumentExecutionResult(
                    ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
                Long cost = parameters.getGraphQLContext().get(COST);
                if (cost == null) {
                    return CompletableFuture.completedFuture(result);
                }
                Map<String, Object> extension = new LinkedHashMap<>();
                extension.put("requested", cost);
                extension.put("limit", settings.getMaxComplexity());
                return CompletableFuture.completedFuture(
                        result.transform(builder -> builder.addExtension("cost", extension)));
            }
        };
    }

    private static final String COST = QueryLimits.class.getName() + ".cost";

    record Complexity(long value, List<GraphQLError> badPageSizes) {}

    static Complexity cachedComplexity(PerDocument<Complexity> costs, ExecutionContext context) {
        return costs.get(
                context.getDocument(),
                context.getOperationDefinition().getName(),
                context.getCoercedVariables().toMap(),
                null,
                () -> complexity(context));
    }

    static Complexity complexity(ExecutionContext context) {
        Map<QueryVisitorFieldEnvironment, Long> byParent = new HashMap<>();
        Map<SourceLocation, GraphQLError> badPageSizes = new LinkedHashMap<>();
        QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getOperationDefinition().getName())
                .coercedVariables(context.getCoercedVariables())
                .build()
                .visitPostOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment env) {
                        long children = byParent.getOrDefault(env, 0L);
                        long multiplier = 1;
                        if (!env.isTypeNameIntrospectionField()
                                && env.getFieldDefinition().getArgument("first") != null) {
                            Object first = env.getArguments().get("first");
                            Object last = env.getArguments().get("last");
                            try {
                                // Paging backward serves `last` items; `first` (defaulted) is then unused.
                                multiplier = last instanceof Integer n
                                        ? Connections.pageSize(n, "last")
                                        : Connections.pageSize(first instanceof Integer n ? n : null);
                            } catch (GatewayException e) {
                                Field field = env.getField();
                                badPageSizes.putIfAbsent(
                                        field.getSourceLocation(),
                                        GraphqlErrorBuilder.newError()
                                                .message(e.getMessage())
                                                .location(field.getSourceLocation())
                                                .extensions(withCode(e))
                                                .build());
                            }
                        }
                        if (!env.isTypeNameIntrospectionField()
                                && env.getFieldsContainer().getName().equals("Query")
                                && env.getFieldDefinition().getName().equals("nodes")
                                && env.getArguments().get("ids") instanceof List<?> ids) {
                            // Each id is one object fetched, like one `node`.
                            multiplier = ids.size();
                            if (ids.size() > NodeQueries.MAX_IDS) {
                                Field field = env.getField();
                                badPageSizes.putIfAbsent(
                                        field.getSourceLocation(),
                                        GraphqlErrorBuilder.newError()
                                                .message("`nodes` takes at most " + NodeQueries.MAX_IDS + " ids (got "
                                                        + ids.size() + ").")
                                                .location(field.getSourceLocation())
                                                .extensions(
                                                        Map.of("code", ErrorCode.BAD_USER_INPUT.name(), "field", "ids"))
                                                .build());
                            }
                        }
                        long value = saturated(1 + saturated(children * multiplier));
                        byParent.merge(env.getParentEnvironment(), value, (a, b) -> saturated(a + b));
                    }
                });
        return new Complexity(byParent.getOrDefault(null, 0L), new ArrayList<>(badPageSizes.values()));
    }

    private static Map<String, Object> withCode(GatewayException e) {
        Map<String, Object> extensions = new LinkedHashMap<>(e.extensions());
        extensions.put("code", e.code().name());
        return extensions;
    }

    private static long saturated(long value) {
        return value < 0 ? Long.MAX_VALUE : value;
    }
}
