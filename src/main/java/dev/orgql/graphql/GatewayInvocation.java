package dev.orgql.graphql;

import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.Caller;
import dev.orgql.logto.UpstreamBudget;
import dev.orgql.logto.UpstreamBudgets;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import graphql.language.OperationDefinition;
import io.micronaut.configuration.graphql.DefaultGraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Runs one GraphQL request, in this order: admission ({@link RequestAdmission}), the bounded parse
 * ({@link BoundedParse}), the refusal of mutations over GET ({@link MutationOverGetRefusal}),
 * anonymous introspection ({@link AnonymousIntrospection}), the size limits, the token check ({@link TokenCheck}), then
 * execution with a fresh {@link RequestContext} and fresh DataLoaders ({@link RequestLoaders}); the
 * result gets error codes ({@link ErrorCodeDefaults}) and the token freshness extension
 * ({@link TokenFreshnessExtension}) and every error the request id ({@link RequestFacts}). This class
 * only orchestrates those steps.
 */
@Singleton
@Replaces(DefaultGraphQLInvocation.class)
public class GatewayInvocation implements GraphQLInvocation {
    private final GraphQL graphQL;
    private final AuthConfig config;
    private final BoundedParse parser;
    private final TokenCheck tokenCheck;
    private final RequestLoaders loaders;
    private final TokenFreshnessExtension freshness;
    private final RequestAdmission admission;
    private final OperationObserver observer;
    private final UpstreamBudgets budgets;

    GatewayInvocation(
            GraphQL graphQL,
            AuthConfig config,
            BoundedParse parser,
            TokenCheck tokenCheck,
            RequestLoaders loaders,
            TokenFreshnessExtension freshness,
            RequestAdmission admission,
            OperationObserver observer,
            UpstreamBudgets budgets) {
        this.graphQL = graphQL;
        this.config = config;
        this.parser = parser;
        this.tokenCheck = tokenCheck;
        this.loaders = loaders;
        this.freshness = freshness;
        this.admission = admission;
        this.observer = observer;
        this.budgets = budgets;
    }

    @Override
    public Publisher<ExecutionResult> invoke(
            GraphQLInvocationData data, HttpRequest httpRequest, MutableHttpResponse<String> httpResponse) {
        String requestId = RequestFacts.requestId(httpRequest);
        // Admission first: a request refused as busy costs no parse, no token check and no span (the server's
        // own timer counts its 503). The observer then runs the request inside the operation's span, and the
        // request's deadline for Logto starts: when the answer is ready (or the client went away), its
        // upstream calls still in flight are cancelled and their connections freed. Work starts inside
        // both scopes, synchronously, so every upstream call finds the span and the budget.
        return Mono.from(admission.run(
                        httpRequest,
                        httpResponse,
                        waits -> observer.observe(httpRequest, () -> {
                            UpstreamBudget budget = budgets.open();
                            budget.listenToWaits(waits);
                            // A client gone before its answer cancels the request's Logto calls too.
                            Runnable stopListening = ClientDisconnect.onClose(httpRequest, budget::close);
                            Publisher<ExecutionResult> result;
                            try (UpstreamBudget.Scope scope = budget.enter()) {
                                result = run(data, httpRequest, httpResponse);
                            }
                            return Mono.from(result).doFinally(signal -> {
                                stopListening.run();
                                budget.close();
                            });
                        })))
                .map(result -> RequestFacts.withRequestId(result, requestId));
    }

    private Publisher<ExecutionResult> run(
            GraphQLInvocationData data, HttpRequest<?> httpRequest, MutableHttpResponse<String> httpResponse) {
        String authorization = httpRequest.getHeaders().get(HttpHeaders.AUTHORIZATION);
        boolean anonymous = authorization == null;
        if (anonymous && !config.isAllowAnonymousIntrospection()) {
            // Nothing is answered without a token, so the query is not even parsed.
            return authenticateAndExecute(null, data, null, httpRequest, httpResponse);
        }
        DocumentCache.ParsedQuery parsed;
        try {
            parsed = parser.parse(data.getQuery(), anonymous);
        } catch (DocumentCache.Refusal refusal) {
            if (anonymous && refusal.overLimit()) {
                return Mono.just(GatewayResults.unauthenticated(
                        httpResponse, AnonymousIntrospection.tooLong(parser.maxTokens(true))));
            }
            return Mono.just(GatewayResults.of(refusal.error()));
        }
        OperationDefinition operation = parsed.operation(data.getOperationName());
        RequestFacts.operation(httpRequest, operation);
        UpstreamBudget budget = UpstreamBudget.current();
        if (budget != null && operation != null && operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            // A mutation checks and decides on Logto's answers of now, never on kept ones.
            budget.readFresh();
        }
        ExecutionResult refused = MutationOverGetRefusal.check(httpRequest.getMethod(), operation, httpResponse);
        if (refused != null) {
            return Mono.just(refused);
        }
        if (anonymous && !AnonymousIntrospection.isIntrospectionOnly(operation)) {
            return authenticateAndExecute(null, data, null, httpRequest, httpResponse);
        }
        if (operation != null) {
            // Without the operation (none, or ambiguous) graphql-java says why; its validation has its own bounds.
            GraphQLError overLimit = parser.overLimit(parsed, operation, anonymous);
            if (overLimit != null) {
                return Mono.just(GatewayResults.of(overLimit));
            }
        }
        if (anonymous) {
            return Mono.fromFuture(execute(data, parsed, null, UpstreamBudget.current()));
        }
        return authenticateAndExecute(authorization, data, parsed, httpRequest, httpResponse);
    }

    private Publisher<ExecutionResult> authenticateAndExecute(
            String authorization,
            GraphQLInvocationData data,
            DocumentCache.ParsedQuery parsed,
            HttpRequest<?> httpRequest,
            MutableHttpResponse<String> httpResponse) {
        // Run within the budget entered in invoke: the token check may finish on another thread.
        UpstreamBudget budget = UpstreamBudget.current();
        return Mono.fromFuture(tokenCheck.thenExecute(authorization, httpResponse, caller -> {
            RequestFacts.caller(httpRequest, caller);
            return execute(data, parsed, caller, budget);
        }));
    }

    /**
     * @param caller the verified caller; null only for anonymous introspection
     * @param budget the request's share of Logto, current while the engine runs (see UpstreamBudget)
     */
    private CompletableFuture<ExecutionResult> execute(
            GraphQLInvocationData data, DocumentCache.ParsedQuery parsed, Caller caller, UpstreamBudget budget) {
        Map<Object, Object> graphQLContext = new HashMap<>();
        graphQLContext.put(RequestContext.class, new RequestContext(caller));
        if (parsed != null) {
            // The document parsed above: DocumentCache gives it to graphql-java instead of a second parse.
            graphQLContext.put(DocumentCache.ParsedQuery.class, parsed);
        }
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(data.getQuery())
                .operationName(data.getOperationName())
                .variables(data.getVariables() == null ? Map.of() : data.getVariables())
                .dataLoaderRegistry(loaders.create())
                .graphQLContext(graphQLContext)
                .build();
        // Loads issued inside other loads' results (a scope check, then the field's own reads) are
        // dispatched too, whenever the engine has nothing else to do.
        DataLoaderDispatchingContextKeys.setEnableDataLoaderExhaustedDispatching(input.getGraphQLContext(), true);
        if (budget == null) {
            return graphQL.executeAsync(input)
                    .thenApply(result -> freshness.addTo(ErrorCodeDefaults.apply(result), caller));
        }
        try (UpstreamBudget.Scope scope = budget.enter()) {
            return graphQL.executeAsync(input)
                    .thenApply(result -> freshness.addTo(ErrorCodeDefaults.apply(result), caller));
        }
    }
}
