package dev.orgql.graphql;

import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.Caller;
import dev.orgql.auth.LiveScopeCache;
import dev.orgql.auth.LiveScopeCache.MemberKey;
import dev.orgql.auth.RequestedScopes;
import dev.orgql.auth.TokenFreshness;
import dev.orgql.auth.AuthenticationException;
import dev.orgql.auth.JwksKeyStore;
import dev.orgql.auth.TokenVerifier;
import dev.orgql.logto.LogtoErrors;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import io.micronaut.configuration.graphql.DefaultGraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.dataloader.DataLoaderRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one GraphQL request: parses it once within the parser limits and checks its size
 * ({@link QueryLimits}), then authenticates the caller (a bad or missing token is answered with HTTP 401
 * and a GraphQL error, before any call to Logto), then executes with a fresh {@link RequestContext} and
 * fresh DataLoaders. Without a token only introspection is answered, within a smaller budget.
 */
@Singleton
@Replaces(DefaultGraphQLInvocation.class)
public class GatewayInvocation implements GraphQLInvocation {
    private final GraphQL graphQL;
    private final TokenVerifier verifier;
    private final AuthConfig config;
    private final List<LoaderDefinition<?, ?>> loaders;
    private final LiveScopeCache liveScopes;
    private final RequestedScopes requestedScopes;
    private final DocumentCache documents;
    private final QueryLimits.Settings limits;

    GatewayInvocation(GraphQL graphQL, TokenVerifier verifier, AuthConfig config, List<LoaderDefinition<?, ?>> loaders,
                      LiveScopeCache liveScopes, RequestedScopes requestedScopes, DocumentCache documents, QueryLimits.Settings limits) {
        this.graphQL = graphQL;
        this.documents = documents;
        this.limits = limits;
        this.verifier = verifier;
        this.config = config;
        this.loaders = loaders;
        this.liveScopes = liveScopes;
        this.requestedScopes = requestedScopes;
    }

    @Override
    public Publisher<ExecutionResult> invoke(GraphQLInvocationData data, HttpRequest httpRequest, MutableHttpResponse<String> httpResponse) {
        String authorization = httpRequest.getHeaders().get(HttpHeaders.AUTHORIZATION);
        boolean anonymous = authorization == null;
        if (anonymous && !config.isAllowAnonymousIntrospection()) {
            // Nothing is answered without a token, so the query is not even parsed.
            return authenticateAndExecute(null, data, null, httpResponse);
        }
        // The one parse of this request, bounded by the parser limits (tighter without a token): it comes
        // before the token check, so it is all the work a request can cause before it is authenticated.
        DocumentCache.ParsedQuery parsed;
        try {
            parsed = documents.parse(data.getQuery(), anonymous ? limits.getAnonymousMaxTokens() : limits.getMaxTokens());
        } catch (DocumentCache.Refusal refusal) {
            if (anonymous && refusal.overLimit()) {
                return Mono.just(unauthenticated(httpResponse, "Without a token the gateway answers only introspection queries of at most "
                        + limits.getAnonymousMaxTokens() + " tokens; this query is longer. Send a token (Authorization: Bearer <token>)."));
            }
            return Mono.just(result(refusal.error()));
        }
        OperationDefinition operation = parsed.operation(data.getOperationName());
        if (httpRequest.getMethod() == HttpMethod.GET && operation != null && operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            // GET is a safe method: links, prefetchers and caches may repeat it (GraphQL over HTTP).
            httpResponse.status(HttpStatus.METHOD_NOT_ALLOWED);
            httpResponse.header(HttpHeaders.ALLOW, "POST");
            return Mono.just(error("Mutations must be sent with POST.", ErrorCode.BAD_USER_INPUT));
        }
        if (anonymous && !isIntrospectionOnly(operation)) {
            return authenticateAndExecute(null, data, null, httpResponse);
        }
        if (operation != null) {
            // Without the operation (none, or ambiguous) graphql-java says why; its validation has its own bounds.
            GraphQLError overLimit = QueryLimits.checkOperation(parsed.document(), operation, limits, anonymous);
            if (overLimit != null) {
                return Mono.just(result(overLimit));
            }
        }
        if (anonymous) {
            return Mono.fromFuture(execute(data, parsed, new RequestContext(null)));
        }
        return authenticateAndExecute(authorization, data, parsed, httpResponse);
    }

    private Publisher<ExecutionResult> authenticateAndExecute(String authorization, GraphQLInvocationData data, DocumentCache.ParsedQuery parsed,
                                                            MutableHttpResponse<String> httpResponse) {
        CompletableFuture<ExecutionResult> result = verifier.authenticate(authorization)
                .thenCompose(caller -> execute(data, parsed, new RequestContext(caller)))
                .exceptionally(failure -> {
                    Throwable t = LogtoErrors.unwrapAny(failure);
                    if (t instanceof AuthenticationException e) {
                        return unauthenticated(httpResponse, e.getMessage());
                    }
                    if (t instanceof JwksKeyStore.JwksUnavailableException e) {
                        httpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
                        return error("The gateway cannot check tokens right now: " + e.getMessage(), ErrorCode.UPSTREAM_ERROR);
                    }
                    throw new IllegalStateException(t);
                });
        return Mono.fromFuture(result);
    }

    private static ExecutionResult unauthenticated(MutableHttpResponse<String> httpResponse, String message) {
        httpResponse.status(HttpStatus.UNAUTHORIZED);
        httpResponse.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        return error(message, ErrorCode.UNAUTHENTICATED);
    }

    private CompletableFuture<ExecutionResult> execute(GraphQLInvocationData data, DocumentCache.ParsedQuery parsed, RequestContext context) {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        loaders.forEach(loader -> registry.register(loader.name(), loader.create()));
        Map<Object, Object> graphQLContext = new HashMap<>();
        graphQLContext.put(RequestContext.class, context);
        if (parsed != null) {
            // The document parsed above: DocumentCache gives it to graphql-java instead of a second parse.
            graphQLContext.put(DocumentCache.ParsedQuery.class, parsed);
        }
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(data.getQuery())
                .operationName(data.getOperationName())
                .variables(data.getVariables() == null ? Map.of() : data.getVariables())
                .dataLoaderRegistry(registry)
                .graphQLContext(graphQLContext)
                .build();
        // Loads issued inside other loads' results (a scope check, then the field's own reads) are
        // dispatched too, whenever the engine has nothing else to do.
        DataLoaderDispatchingContextKeys.setEnableDataLoaderExhaustedDispatching(input.getGraphQLContext(), true);
        return graphQL.executeAsync(input).thenApply(result -> withTokenFreshness(withErrorCodes(result), context.caller()));
    }

    /**
     * graphql-java's own errors (syntax, validation, variables that do not fit their types) carry no
     * code; every error of this API does.
     */
    private static ExecutionResult withErrorCodes(ExecutionResult result) {
        if (result.getErrors().stream().allMatch(error -> error.getExtensions() != null && error.getExtensions().containsKey("code"))) {
            return result;
        }
        List<GraphQLError> errors = result.getErrors().stream().map(error -> {
            if (error.getExtensions() != null && error.getExtensions().containsKey("code")) {
                return error;
            }
            ErrorCode code = error.getErrorType() == ErrorType.ValidationError || error.getErrorType() == ErrorType.InvalidSyntax
                    ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_ERROR;
            Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
            extensions.put("code", code.name());
            return (GraphQLError) GraphqlErrorBuilder.newError().message(error.getMessage()).locations(error.getLocations())
                    .path(error.getPath()).errorType(error.getErrorType()).extensions(extensions).build();
        }).toList();
        return result.transform(builder -> builder.errors(errors));
    }

    /**
     * Adds {@code extensions.tokenFreshness} when the caller's live scopes in its token's organization
     * are already at hand (looked up by this request or cached from a recent one). Never calls Logto
     * for it: the field {@code Organization.viewerTokenFreshness} is the way to ask.
     */
    private ExecutionResult withTokenFreshness(ExecutionResult result, Caller caller) {
        if (caller == null || !TokenFreshness.applies(caller, caller.organizationId())) {
            return result;
        }
        Set<String> live = liveScopes.peek(new MemberKey(caller.organizationId(), caller.subject()));
        if (live == null) {
            return result;
        }
        TokenFreshness freshness = TokenFreshness.compare(caller.organizationId(), caller.scopes(), live, requestedScopes.scopes());
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("organizationId", freshness.organizationId());
        extension.put("status", freshness.status());
        extension.put("lostScopes", freshness.lostScopes());
        extension.put("gainedScopes", freshness.gainedScopes());
        return result.transform(builder -> builder.addExtension("tokenFreshness", extension));
    }

    private static ExecutionResult result(GraphQLError error) {
        return ExecutionResultImpl.newExecutionResult().addError(error).build();
    }

    private static ExecutionResult error(String message, ErrorCode code) {
        return ExecutionResultImpl.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().message(message).extensions(Map.of("code", code.name())).build())
                .build();
    }

    /** True when the operation only asks for {@code __schema}, {@code __type} or {@code __typename}. */
    static boolean isIntrospectionOnly(OperationDefinition operation) {
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return false;
        }
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getName().startsWith("__")) {
                return false;
            }
        }
        return true;
    }
}
