package dev.orgql.graphql;

import dev.orgql.auth.ApiPermission;
import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.Caller;
import dev.orgql.auth.OrganizationPermission;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one place where access is decided. Every field carrying {@code @requiresScope} gets its data
 * fetcher wrapped: the caller, its gateway-API scopes and its organization scopes (inside the field's
 * organization) are checked before the real fetcher runs. Fetchers themselves never check access.
 */
@Singleton
public class RequiresScopeWiring implements SchemaDirectiveWiring {
    public static final String DIRECTIVE = "requiresScope";
    public static final String LIVE_SCOPES_LOADER = "liveScopes";

    private final CallerScopes scopes;
    private final AuthConfig config;

    RequiresScopeWiring(CallerScopes scopes, AuthConfig config) {
        this.scopes = scopes;
        this.config = config;
    }

    /** What a field requires, read once from its directive at start-up. */
    record Requirement(String field, List<OrganizationPermission> permissions, List<ApiPermission> apiPermissions,
                       List<ApiPermission> gatedApiPermissions, boolean usersOnly, String organizationArgument) {
    }

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        GraphQLFieldDefinition field = env.getElement();
        GraphQLAppliedDirective directive = env.getAppliedDirective(DIRECTIVE);
        GraphQLFieldsContainer parent = env.getFieldsContainer();
        Requirement requirement = new Requirement(
                parent.getName() + "." + field.getName(),
                enums(directive.getArgument("permissions"), OrganizationPermission.class),
                enums(directive.getArgument("apiPermissions"), ApiPermission.class),
                enums(directive.getArgument("gatedApiPermissions"), ApiPermission.class),
                "USER".equals(String.valueOf(value(directive.getArgument("caller")))),
                (String) value(directive.getArgument("organizationArgument")));
        DataFetcher<?> original = env.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(parent, field), field);
        env.getCodeRegistry().dataFetcher(FieldCoordinates.coordinates(parent, field),
                (DataFetcher<Object>) fetchEnv -> guard(requirement, fetchEnv, original));
        return field;
    }

    private Object guard(Requirement requirement, DataFetchingEnvironment env, DataFetcher<?> next) throws Exception {
        Caller caller = RequestContext.of(env).caller();
        if (caller == null) {
            return GatewayErrors.fail(env, ErrorCode.UNAUTHENTICATED, "This field needs a token.", null);
        }
        if (requirement.usersOnly() && !caller.isUser()) {
            return GatewayErrors.fail(env, ErrorCode.FORBIDDEN, "`" + requirement.field() + "` is for signed-in users, not machine-to-machine applications.", null);
        }
        List<ApiPermission> required = new ArrayList<>(requirement.apiPermissions());
        requirement.gatedApiPermissions().stream().filter(config::isGateOn).forEach(required::add);
        List<String> missingApi = new ArrayList<>();
        for (ApiPermission permission : required) {
            String scope = config.scopeFor(permission);
            if (!caller.apiScopes().contains(scope)) {
                missingApi.add(scope);
            }
        }
        if (!missingApi.isEmpty()) {
            return GatewayErrors.fail(env, ErrorCode.FORBIDDEN, "Missing gateway API scope(s) " + String.join(", ", missingApi)
                    + " for `" + requirement.field() + "`: request them for the gateway's API resource.", Map.of("missingScopes", missingApi));
        }
        if (requirement.permissions().isEmpty() && requirement.organizationArgument() == null) {
            return next.get(env);
        }
        String organizationId = organizationOf(requirement, env);
        if (organizationId == null) {
            return GatewayErrors.fail(env, ErrorCode.BAD_USER_INPUT, "No organization given for `" + requirement.field() + "`.", null);
        }
        if (requirement.permissions().isEmpty()) {
            // No scope needed, but a token bound to one organization still acts in that one only.
            if (caller.isBoundToOrganization() && !caller.organizationId().equals(organizationId)) {
                return GatewayErrors.fail(env, ErrorCode.FORBIDDEN, "Your token is bound to organization " + caller.organizationId()
                        + " and cannot be used for organization " + organizationId + " in `" + requirement.field() + "`.",
                        Map.of("organizationId", organizationId));
            }
            return next.get(env);
        }
        CompletableFuture<Set<String>> held = scopes.in(env, organizationId);
        if (held.isDone() && !held.isCompletedExceptionally()) {
            // Decided from the token alone: no need to defer the real fetcher.
            return decide(requirement, env, next, organizationId, held.join());
        }
        return held.thenCompose(granted -> {
            try {
                Object result = decide(requirement, env, next, organizationId, granted);
                @SuppressWarnings("unchecked")
                CompletionStage<Object> stage = result instanceof CompletionStage<?> s
                        ? (CompletionStage<Object>) s : CompletableFuture.completedFuture(result);
                return stage;
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    private Object decide(Requirement requirement, DataFetchingEnvironment env, DataFetcher<?> next,
                          String organizationId, Set<String> granted) throws Exception {
        Set<String> missing = new LinkedHashSet<>();
        for (OrganizationPermission permission : requirement.permissions()) {
            String scope = config.scopeFor(permission);
            if (!granted.contains(scope)) {
                missing.add(scope);
            }
        }
        if (missing.isEmpty()) {
            return next.get(env);
        }
        Caller caller = RequestContext.of(env).caller();
        String why = caller.isBoundToOrganization() && !caller.organizationId().equals(organizationId)
                ? " Your token is bound to organization " + caller.organizationId() + " and holds nothing in another."
                : "";
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("missingScopes", List.copyOf(missing));
        extra.put("organizationId", organizationId);
        DataFetcherResult<Object> denied = GatewayErrors.fail(env, ErrorCode.FORBIDDEN,
                "Missing scope(s) " + String.join(", ", missing) + " in organization " + organizationId
                        + " for `" + requirement.field() + "`." + why, extra);
        return denied;
    }

    /** From the named argument (a dotted path into input objects), or from the parent object. */
    private static String organizationOf(Requirement requirement, DataFetchingEnvironment env) {
        if (requirement.organizationArgument() != null) {
            Object value = env.getArguments();
            for (String part : requirement.organizationArgument().split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(part) : null;
            }
            return value == null ? null : value.toString();
        }
        Object source = env.getSource();
        return source instanceof OrganizationScoped scoped ? scoped.organizationId() : null;
    }

    private static Object value(GraphQLAppliedDirectiveArgument argument) {
        return argument == null ? null : argument.getValue();
    }

    private static <E extends Enum<E>> List<E> enums(GraphQLAppliedDirectiveArgument argument, Class<E> type) {
        Object value = value(argument);
        if (!(value instanceof Collection<?> names)) {
            return List.of();
        }
        return names.stream().map(name -> Enum.valueOf(type, String.valueOf(name))).toList();
    }
}
