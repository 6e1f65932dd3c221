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
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one GraphQL request: authenticates the caller first (a bad or missing token is answered with
 * HTTP 401 and a GraphQL error, before any call to Logto), then executes with a fresh
 * {@link RequestContext} and fresh DataLoaders.
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

    GatewayInvocation(GraphQL graphQL, TokenVerifier verifier, AuthConfig config, List<LoaderDefinition<?, ?>> loaders,
                      LiveScopeCache liveScopes, RequestedScopes requestedScopes) {
        this.graphQL = graphQL;
        this.verifier = verifier;
        this.config = config;
        this.loaders = loaders;
        this.liveScopes = liveScopes;
        this.requestedScopes = requestedScopes;
    }

    @Override
    public Publisher<ExecutionResult> invoke(GraphQLInvocationData data, HttpRequest httpRequest, MutableHttpResponse<String> httpResponse) {
        if (httpRequest.getMethod() == HttpMethod.GET && operationOf(data) == OperationDefinition.Operation.MUTATION) {
            // GET is a safe method: links, prefetchers and caches may repeat it (GraphQL over HTTP).
            httpResponse.status(HttpStatus.METHOD_NOT_ALLOWED);
            httpResponse.header(HttpHeaders.ALLOW, "POST");
            return Mono.just(error("Mutations must be sent with POST.", ErrorCode.BAD_USER_INPUT));
        }
        String authorization = httpRequest.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null && config.isAllowAnonymousIntrospection() && isIntrospectionOnly(data)) {
            return Mono.fromFuture(execute(data, new RequestContext(null)));
        }
        CompletableFuture<ExecutionResult> result = verifier.authenticate(authorization)
                .thenCompose(caller -> execute(data, new RequestContext(caller)))
                .exceptionally(failure -> {
                    Throwable t = LogtoErrors.unwrapAny(failure);
                    if (t instanceof AuthenticationException e) {
                        httpResponse.status(HttpStatus.UNAUTHORIZED);
                        httpResponse.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                        return error(e.getMessage(), ErrorCode.UNAUTHENTICATED);
                    }
                    if (t instanceof JwksKeyStore.JwksUnavailableException e) {
                        httpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
                        return error("The gateway cannot check tokens right now: " + e.getMessage(), ErrorCode.UPSTREAM_ERROR);
                    }
                    throw new IllegalStateException(t);
                });
        return Mono.fromFuture(result);
    }

    private CompletableFuture<ExecutionResult> execute(GraphQLInvocationData data, RequestContext context) {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        loaders.forEach(loader -> registry.register(loader.name(), loader.create()));
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(data.getQuery())
                .operationName(data.getOperationName())
                .variables(data.getVariables() == null ? Map.of() : data.getVariables())
                .dataLoaderRegistry(registry)
                .graphQLContext(Map.of(RequestContext.class, context))
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

    private static ExecutionResult error(String message, ErrorCode code) {
        return ExecutionResultImpl.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().message(message).extensions(Map.of("code", code.name())).build())
                .build();
    }

    /** The operation the request asks to run, or null when it cannot tell (graphql-java then reports why). */
    private static OperationDefinition chosenOperation(GraphQLInvocationData data) {
        if (data.getQuery() == null) {
            return null;
        }
        Document document;
        try {
            document = Parser.parse(data.getQuery());
        } catch (InvalidSyntaxException e) {
            return null;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(op -> data.getOperationName() == null ? operations.size() == 1 : data.getOperationName().equals(op.getName()))
                .findFirst().orElse(null);
    }

    private static OperationDefinition.Operation operationOf(GraphQLInvocationData data) {
        OperationDefinition operation = chosenOperation(data);
        return operation == null ? null : operation.getOperation();
    }

    /** True when the chosen operation only asks for {@code __schema}, {@code __type} or {@code __typename}. */
    static boolean isIntrospectionOnly(GraphQLInvocationData data) {
        OperationDefinition operation = chosenOperation(data);
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
