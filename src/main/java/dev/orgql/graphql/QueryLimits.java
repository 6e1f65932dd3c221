package dev.orgql.graphql;

import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.ExecutionContext;
import graphql.language.Field;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.Node;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Depth, complexity and alias limits ({@code orgql.limits.*}). An over-limit query is rejected before
 * execution starts, so before any call to Logto, with {@code extensions.code = QUERY_TOO_COMPLEX}.
 */
final class QueryLimits {
    private QueryLimits() {
    }

    @ConfigurationProperties("orgql.limits")
    static class Settings {
        private int maxDepth = 12;
        private int maxComplexity = 2000;
        private int maxAliases = 30;

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
    }

    /**
     * One instrumentation that runs the three checks when an operation starts and nothing per field
     * (a chain of three would wrap every field fetch for no purpose).
     */
    static Instrumentation instrumentation(Settings settings) {
        List<Instrumentation> checks = List.of(depth(settings.getMaxDepth()), new ComplexityLimit(settings.getMaxComplexity()),
                new AliasLimit(settings.getMaxAliases()));
        return new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                                 InstrumentationState state) {
                checks.forEach(check -> check.beginExecuteOperation(parameters, null));
                return SimpleInstrumentationContext.noOp();
            }
        };
    }

    private static AbortExecutionException tooComplex(String message, String limit, int value, int max) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().message(message)
                .extensions(Map.of("code", ErrorCode.QUERY_TOO_COMPLEX.name(), "limit", limit, "value", value, "max", max))
                .build()));
    }

    private static Instrumentation depth(int max) {
        return new MaxQueryDepthInstrumentation(max) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return tooComplex("The query is " + depth + " levels deep; at most " + maxDepth + " are allowed.", "depth", depth, maxDepth);
            }
        };
    }

    /**
     * A list field costs its page size times its children, so a query cannot ask for a hundred
     * organizations of a hundred members each without being noticed.
     */
    private static final class ComplexityLimit extends SimplePerformantInstrumentation {
        private final int max;

        ComplexityLimit(int max) {
            this.max = max;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                             InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            int complexity = QueryComplexityCalculator.newCalculator()
                    .schema(context.getGraphQLSchema())
                    .document(context.getDocument())
                    .operationName(context.getOperationDefinition().getName())
                    .variables(context.getCoercedVariables())
                    .fieldComplexityCalculator((env, childComplexity) -> {
                        Object first = env.getArguments().get("first");
                        int multiplier = first instanceof Integer n ? Math.max(1, n) : 1;
                        return 1 + childComplexity * multiplier;
                    })
                    .build()
                    .calculate();
            if (complexity > max) {
                throw tooComplex("The query's complexity is " + complexity + "; at most " + max + " is allowed. Ask for smaller pages.",
                        "complexity", complexity, max);
            }
            return SimpleInstrumentationContext.noOp();
        }
    }

    /** Many aliases of one expensive field multiply its cost without adding depth. */
    private static final class AliasLimit extends SimplePerformantInstrumentation {
        private final int max;

        AliasLimit(int max) {
            this.max = max;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                             InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            AtomicInteger aliases = new AtomicInteger();
            NodeTraverser traverser = new NodeTraverser();
            traverser.depthFirst(new NodeVisitorStub() {
                @Override
                public TraversalControl visitField(Field node, TraverserContext<Node> ctx) {
                    if (node.getAlias() != null) {
                        aliases.incrementAndGet();
                    }
                    return TraversalControl.CONTINUE;
                }
            }, context.getDocument());
            if (aliases.get() > max) {
                throw tooComplex("The query uses " + aliases.get() + " aliases; at most " + max + " are allowed.", "aliases", aliases.get(), max);
            }
            return SimpleInstrumentationContext.noOp();
        }
    }
}
