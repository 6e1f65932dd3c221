package dev.orgql.organization;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.IdempotentMutations;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoModels;
import dev.orgql.logto.UpstreamFailure;
import dev.orgql.organization.OrganizationInputs.CreateOrganizationInput;
import dev.orgql.organization.OrganizationPayloads.CreateOrganizationPayload;
import dev.orgql.role.CreatorRole;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Mutation.createOrganization}: create, add the caller, give the caller the creator role. One
 * unit: when the second or third step fails, the organization is deleted again before the failure is
 * reported, so no organization is left without its creator.
 *
 * <p>The first step is made safe to repeat with a key in the new organization's customData
 * ({@link CreationKeys}): when Logto's answer to the POST is lost (reset, empty answer, 5xx, timeout)
 * it may have created the organization all the same, so the organizations with this name are read and
 * the one holding the key, if any, gets its creator as if the POST had answered. A write is never sent
 * twice. Only when even that cannot be told (the lookup fails too) may an organization be left behind:
 * then one ERROR line names the key to look for.
 */
@Singleton
class CreateOrganizationMutation implements GatewayFetcher<CompletableFuture<CreateOrganizationPayload>> {
    private final IdempotentMutations idempotency;
    private static final Logger LOG = LoggerFactory.getLogger(CreateOrganizationMutation.class);

    /** Pages of 100 organizations whose name contains the new one's read before giving up the lookup. */
    static final int LOOKUP_PAGES = 10;

    private final LogtoClient logto;
    private final CreatorRole creatorRole;
    private final LiveScopeCache liveScopes;
    private final CreationKeys keys;

    CreateOrganizationMutation(
            LogtoClient logto,
            CreatorRole creatorRole,
            LiveScopeCache liveScopes,
            CreationKeys keys,
            IdempotentMutations idempotency) {
        this.idempotency = idempotency;
        this.logto = logto;
        this.creatorRole = creatorRole;
        this.liveScopes = liveScopes;
        this.keys = keys;
    }

    @Override
    public String coordinates() {
        return "Mutation.createOrganization";
    }

    @Override
    public CompletableFuture<CreateOrganizationPayload> get(DataFetchingEnvironment env) {
        String userId = RequestContext.of(env).caller().subject();
        return idempotency.once(
                env,
                CreateOrganizationPayload::failed,
                CreateOrganizationPayload::userErrors,
                () -> Mutations.run(CreateOrganizationPayload::failed, () -> {
                    CreateOrganizationInput input = Inputs.read(env, CreateOrganizationInput.class);
                    String key = keys.next();
                    Map<String, Object> body = input.body();
                    body.put("customData", CreationKeys.withKey(input.customData(), key));
                    // The role is looked up first: a misconfigured creator role fails before anything is created.
                    return creatorRole
                            .id()
                            .thenCompose(roleId -> create(input.name(), key, body)
                                    .thenCompose(organization -> addCreator(organization, userId, roleId, key)))
                            .thenApply(organization ->
                                    new CreateOrganizationPayload(OrganizationView.of(organization), List.of()));
                }));
    }

    private CompletableFuture<LogtoModels.Organization> create(String name, String key, Map<String, Object> body) {
        return logto.createOrganization(body).exceptionallyCompose(error -> {
            if (!answerLost(error)) {
                return CompletableFuture.failedFuture(error);
            }
            return lookUp(name, key, 1).handle((found, lookupError) -> {
                if (lookupError != null || found.unknown()) {
                    LOG.error(
                            "Creating organization `{}`: Logto's answer was lost ({}) and whether it was created"
                                    + " cannot be told ({}); an organization without members may be left: look for"
                                    + " customData.{}={} and delete it",
                            name,
                            LogtoErrors.describe(error),
                            lookupError != null
                                    ? LogtoErrors.describe(lookupError)
                                    : "more than " + LOOKUP_PAGES + " pages",
                            CreationKeys.CUSTOM_DATA_KEY,
                            key);
                    throw LogtoErrors.rethrow(error);
                }
                if (found.organization() == null) {
                    // Not created (yet): the failure stands. After a timeout Logto may still commit the
                    // create later than this lookup, so the key is named for an operator.
                    if (LogtoErrors.unwrap(error) != null
                            && LogtoErrors.unwrap(error).failure() == UpstreamFailure.TIMEOUT) {
                        LOG.warn(
                                "Creating organization `{}` timed out and no organization holds its key yet; if"
                                        + " Logto still creates it, it has no members: customData.{}={}",
                                name,
                                CreationKeys.CUSTOM_DATA_KEY,
                                key);
                    }
                    throw LogtoErrors.rethrow(error);
                }
                LOG.warn(
                        "Creating organization `{}`: Logto's answer was lost ({}) but it created {}; finishing it",
                        name,
                        LogtoErrors.describe(error),
                        found.organization().id());
                return found.organization();
            });
        });
    }

    /**
     * Whether Logto may have applied the POST although it did not answer with the organization: a lost
     * connection, an empty or broken answer, a 5xx, a timeout. Not a 4xx refusal, a 429, an open
     * breaker or a full queue: those were refused or never sent.
     */
    private static boolean answerLost(Throwable error) {
        Throwable t = LogtoErrors.unwrapAny(error);
        if (t instanceof Mutations.UserErrorException) {
            return false;
        }
        if (t instanceof LogtoException e) {
            return switch (e.failure()) {
                case ERROR, TIMEOUT -> true;
                case NONE, RATE_LIMITED, UNAVAILABLE, BUSY -> false;
            };
        }
        return true;
    }

    /** The organization found by its key (or null when none has it), or {@code unknown} when the pages ran out. */
    private record Found(LogtoModels.Organization organization, boolean unknown) {}

    private CompletableFuture<Found> lookUp(String name, String key, int page) {
        return logto.fresh().listOrganizationsByName(name, page).thenCompose(result -> {
            for (LogtoModels.Organization organization : result.items()) {
                if (CreationKeys.holds(organization.customData(), key)) {
                    return CompletableFuture.completedFuture(new Found(organization, false));
                }
            }
            boolean more = result.items().size() == LogtoClient.MAX_PAGE_SIZE
                    && (long) page * LogtoClient.MAX_PAGE_SIZE < result.totalCount();
            if (!more) {
                return CompletableFuture.completedFuture(new Found(null, false));
            }
            return page >= LOOKUP_PAGES
                    ? CompletableFuture.completedFuture(new Found(null, true))
                    : lookUp(name, key, page + 1);
        });
    }

    private CompletableFuture<LogtoModels.Organization> addCreator(
            LogtoModels.Organization organization, String userId, String roleId, String key) {
        CompletableFuture<LogtoModels.Organization> steps = logto.addOrganizationUsers(
                        organization.id(), List.of(userId))
                .thenCompose(added -> logto.addOrganizationUserRoles(organization.id(), userId, List.of(roleId)))
                .thenApply(assigned -> {
                    liveScopes.invalidate(organization.id(), userId);
                    return organization;
                });
        return steps.handle((result, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(result);
                    }
                    LOG.warn(
                            "Creating organization {}: adding its creator {} failed; deleting it again",
                            organization.id(),
                            userId);
                    return logto.deleteOrganization(organization.id())
                            .handle((deleted, deleteError) -> {
                                if (deleteError != null) {
                                    LOG.error(
                                            "Creating organization {} failed half-way (adding creator {} with role {}:"
                                                    + " {}) and deleting it again failed ({}); it is left without"
                                                    + " its creator (customData.{}={}): delete it by hand",
                                            organization.id(),
                                            userId,
                                            roleId,
                                            LogtoErrors.describe(error),
                                            LogtoErrors.describe(deleteError),
                                            CreationKeys.CUSTOM_DATA_KEY,
                                            key);
                                }
                                return (LogtoModels.Organization) null;
                            })
                            .thenCompose(ignored -> CompletableFuture.<LogtoModels.Organization>failedFuture(error));
                })
                .thenCompose(future -> future);
    }
}
