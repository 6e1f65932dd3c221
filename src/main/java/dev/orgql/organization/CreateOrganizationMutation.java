package dev.orgql.organization;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
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
 */
@Singleton
class CreateOrganizationMutation implements GatewayFetcher<CompletableFuture<CreateOrganizationPayload>> {
    private static final Logger LOG = LoggerFactory.getLogger(CreateOrganizationMutation.class);

    private final LogtoClient logto;
    private final CreatorRole creatorRole;
    private final LiveScopeCache liveScopes;

    CreateOrganizationMutation(LogtoClient logto, CreatorRole creatorRole, LiveScopeCache liveScopes) {
        this.logto = logto;
        this.creatorRole = creatorRole;
        this.liveScopes = liveScopes;
    }

    @Override
    public String coordinates() {
        return "Mutation.createOrganization";
    }

    @Override
    public CompletableFuture<CreateOrganizationPayload> get(DataFetchingEnvironment env) {
        String userId = RequestContext.of(env).caller().subject();
        return Mutations.run(CreateOrganizationPayload::failed, () -> {
            Map<String, Object> body =
                    Inputs.read(env, CreateOrganizationInput.class).body();
            // The role is looked up first: a misconfigured creator role fails before anything is created.
            return creatorRole
                    .id()
                    .thenCompose(roleId -> logto.createOrganization(body)
                            .thenCompose(organization -> addCreator(organization, userId, roleId)))
                    .thenApply(organization ->
                            new CreateOrganizationPayload(OrganizationView.of(organization), List.of()));
        });
    }

    private CompletableFuture<LogtoModels.Organization> addCreator(
            LogtoModels.Organization organization, String userId, String roleId) {
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
                                            "Could not delete organization {} after its creation failed; delete it by hand",
                                            organization.id(),
                                            deleteError);
                                }
                                return (LogtoModels.Organization) null;
                            })
                            .thenCompose(ignored -> CompletableFuture.<LogtoModels.Organization>failedFuture(error));
                })
                .thenCompose(future -> future);
    }
}
