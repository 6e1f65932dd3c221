package dev.orgql.graphql;

import dev.orgql.auth.ApiPermission;
import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.Caller;
import dev.orgql.auth.OrganizationPermission;
import dev.orgql.logto.LogtoModels;
import dev.orgql.user.UserLoader;
import dev.orgql.user.UserNode;
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
import org.dataloader.DataLoader;

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
    /** Live scopes read for this request only: the loader mutation requests check with. */
    public static final String FRESH_LIVE_SCOPES_LOADER = "freshLiveScopes";

    private final CallerScopes scopes;
    private final AuthConfig config;

    RequiresScopeWiring(CallerScopes scopes, AuthConfig config) {
        this.scopes = scopes;
        this.config = config;
    }

    /** What a field requires, read once from its directive at start-up. */
    record Requirement(String field, List<OrganizationPermission> permissions, List<ApiPermission> apiPermissions,
                       List<ApiPermission> gatedApiPermissions, boolean usersOnly, String organizationArgument,
                       String invitationArgument, boolean inviteeOnly, boolean orInvitee) {
    }

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        GraphQLFieldDefinition field = env.getElement();
        GraphQLAppliedDirective directive = env.getAppliedDirective(DIRECTIVE);
        GraphQLFieldsContainer parent = env.getFieldsContainer();
        String callerKind = String.valueOf(value(directive.getArgument("caller")));
        Requirement requirement = new Requirement(
                parent.getName() + "." + field.getName(),
                enums(directive.getArgument("permissions"), OrganizationPermission.class),
                enums(directive.getArgument("apiPermissions"), ApiPermission.class),
                enums(directive.getArgument("gatedApiPermissions"), ApiPermission.class),
                "USER".equals(callerKind) || "INVITEE".equals(callerKind),
                (String) value(directive.getArgument("organizationArgument")),
                (String) value(directive.getArgument("invitationArgument")),
                "INVITEE".equals(callerKind),
                "INVITEE".equals(String.valueOf(value(directive.getArgument("orCaller")))));
        if ((requirement.inviteeOnly() || requirement.orInvitee()) && requirement.invitationArgument() == null) {
            throw new IllegalStateException(requirement.field() + ": the INVITEE rule needs `invitationArgument`");
        }
        if (requirement.invitationArgument() != null && requirement.organizationArgument() != null) {
            throw new IllegalStateException(requirement.field() + ": give `organizationArgument` or `invitationArgument`, not both");
        }
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
        if (requirement.invitationArgument() != null) {
            return guardInvitation(requirement, env, next, caller);
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
        return checkPermissions(requirement, env, next, organizationId);
    }

    private Object checkPermissions(Requirement requirement, DataFetchingEnvironment env, DataFetcher<?> next,
                                    String organizationId) throws Exception {
        return checkPermissions(requirement, env, next, organizationId, null);
    }

    /**
     * @param hiddenInvitation for fields about an invitation, its id: a caller who may not even read the
     *                         invitation's organization is then refused as if the invitation did not exist
     */
    private Object checkPermissions(Requirement requirement, DataFetchingEnvironment env, DataFetcher<?> next,
                                    String organizationId, String hiddenInvitation) throws Exception {
        CompletableFuture<Set<String>> held = scopes.in(env, organizationId);
        if (held.isDone() && !held.isCompletedExceptionally()) {
            // Decided from the token alone: no need to defer the real fetcher.
            return decide(requirement, env, next, organizationId, held.join(), hiddenInvitation);
        }
        return held.thenCompose(granted -> run(() -> decide(requirement, env, next, organizationId, granted, hiddenInvitation)));
    }

    /**
     * Fields about one invitation ({@code invitationArgument}): the invitation is loaded through the
     * request's loader, its organization is where permissions are checked, and the INVITEE rule compares
     * the caller's primary email with the invitee address, case-insensitively.
     * <p>
     * Whether an invitation exists is told only to those who may see it: its invitee and readers of its
     * organization. Anyone else gets the same {@code FORBIDDEN} for an unknown id as for a real one
     * (see {@link #invisibleInvitation}), never its organization's id.
     */
    private Object guardInvitation(Requirement requirement, DataFetchingEnvironment env, DataFetcher<?> next, Caller caller) {
        Object id = argument(env, requirement.invitationArgument());
        if (id == null) {
            return GatewayErrors.fail(env, ErrorCode.BAD_USER_INPUT, "No invitation given for `" + requirement.field() + "`.", null);
        }
        String invitationId = id.toString();
        DataLoader<String, LogtoModels.Invitation> invitations = env.getDataLoader(InvitationLoader.NAME);
        CompletableFuture<LogtoModels.Invitation> loaded = invitations.load(invitationId);
        // The caller's own email is read alongside the invitation, not after it: one round trip, and the
        // same calls whether the invitation exists or not.
        CompletableFuture<UserNode> self = (requirement.inviteeOnly() || requirement.orInvitee()) && caller.isUser()
                ? env.<String, UserNode>getDataLoader(UserLoader.NAME).load(caller.subject())
                : CompletableFuture.completedFuture(null);
        return loaded.thenCombine(self, (invitation, user) -> {
            if (invitation == null) {
                return done(invisibleInvitation(requirement, env, invitationId, caller));
            }
            String organizationId = invitation.organizationId();
            if (caller.isBoundToOrganization() && !caller.organizationId().equals(organizationId)) {
                return done(invisibleInvitation(requirement, env, invitationId, caller));
            }
            boolean invitee = isInvitee(caller, user, invitation);
            if (requirement.inviteeOnly()) {
                return invitee ? run(() -> next.get(env)) : done(invisibleInvitation(requirement, env, invitationId, caller));
            }
            if (requirement.orInvitee() && invitee) {
                return run(() -> next.get(env));
            }
            return run(() -> checkPermissions(requirement, env, next, organizationId, invitationId));
        }).thenCompose(stage -> stage);
    }

    /**
     * The refusal for an invitation the caller may not see, or that does not exist: the same code, message
     * and extensions either way, built from nothing but the caller's own input and the field.
     */
    private DataFetcherResult<Object> invisibleInvitation(Requirement requirement, DataFetchingEnvironment env, String invitationId,
                                                          Caller caller) {
        List<String> needed = requirement.permissions().stream().map(config::scopeFor).toList();
        String rule = requirement.inviteeOnly()
                ? "only its invitee (the signed-in user whose primary email is the invitation's address) may"
                : "it needs " + String.join(", ", needed) + " in the invitation's organization"
                        + (requirement.orInvitee() ? ", or being its invitee" : "");
        String bound = caller.isBoundToOrganization()
                ? " A token bound to an organization reaches only that organization's invitations: use a user token."
                : "";
        Map<String, Object> extra = needed.isEmpty() ? null : Map.of("missingScopes", needed);
        return GatewayErrors.fail(env, ErrorCode.FORBIDDEN, "No invitation " + invitationId + " that you may use in `"
                + requirement.field() + "`: " + rule + ". Whether an invitation exists is not told to anyone who may not see it."
                + bound, extra);
    }

    /** Whether the caller is a user whose primary email is the invitee address (case-insensitively). */
    private static boolean isInvitee(Caller caller, UserNode user, LogtoModels.Invitation invitation) {
        return caller.isUser() && invitation.invitee() != null && user != null && user.primaryEmail() != null
                && user.primaryEmail().equalsIgnoreCase(invitation.invitee());
    }

    private interface Step {
        Object get() throws Exception;
    }

    /** Runs a step whose result may be a value or a stage, as one stage. */
    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> run(Step step) {
        try {
            Object result = step.get();
            return result instanceof CompletionStage<?> s ? (CompletionStage<Object>) s : CompletableFuture.completedFuture(result);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletionStage<Object> done(Object result) {
        return CompletableFuture.completedFuture(result);
    }

    /**
     * Denials of organization fields name the organization the caller gave and the scopes it lacks there;
     * they are built from the caller's input and scopes alone, so they read the same whether the
     * organization exists or not (a nonexistent organization holds no scopes).
     */
    private Object decide(Requirement requirement, DataFetchingEnvironment env, DataFetcher<?> next,
                          String organizationId, Set<String> granted, String hiddenInvitation) throws Exception {
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
        if (hiddenInvitation != null && !granted.contains(config.scopeFor(OrganizationPermission.READ_DATA))) {
            return invisibleInvitation(requirement, env, hiddenInvitation, caller);
        }
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

    /** The value at a dotted path into the arguments and their input objects, or null. */
    private static Object argument(DataFetchingEnvironment env, String path) {
        Object value = env.getArguments();
        for (String part : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return value;
    }

    /** From the named argument (a dotted path into input objects), or from the parent object. */
    private static String organizationOf(Requirement requirement, DataFetchingEnvironment env) {
        if (requirement.organizationArgument() != null) {
            Object value = argument(env, requirement.organizationArgument());
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
