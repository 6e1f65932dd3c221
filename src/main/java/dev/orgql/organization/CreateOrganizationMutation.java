package dev.orgql.organization;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.CreatorRole;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.createOrganization}: create, add the caller, give the caller the creator role. One
 * unit: when the second or third step fails, the organization is deleted again before the failure is
 * reported, so no organization is left without its creator.
 */
@Singleton
class CreateOrganizationMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
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
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String userId = RequestContext.of(env).caller().subject();
        return Mutations.run(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", OrganizationInputs.name(input.get("name")));
            String description = OrganizationInputs.description(input.get("description"));
            if (description != null) {
                body.put("description", description);
            }
            if (input.get("customData") != null) {
                body.put("customData", OrganizationInputs.customData(input.get("customData")));
            }
            if (input.get("branding") != null) {
                body.put("branding", OrganizationInputs.branding(input.get("branding")));
            }
            // The role is looked up first: a misconfigured creator role fails before anything is created.
            return creatorRole.id().thenCompose(roleId -> logto.createOrganization(body)
                    .thenCompose(organization -> addCreator(organization, userId, roleId)))
                    .thenApply(organization -> Mutations.payload("organization", OrganizationNode.of(organization)));
        });
    }

    private CompletableFuture<LogtoModels.Organization> addCreator(LogtoModels.Organization organization, String userId, String roleId) {
        CompletableFuture<LogtoModels.Organization> steps = logto.addOrganizationUsers(organization.id(), List.of(userId))
                .thenCompose(added -> logto.addOrganizationUserRoles(organization.id(), userId, List.of(roleId)))
                .thenApply(assigned -> {
                    liveScopes.invalidate(organization.id(), userId);
                    return organization;
                });
        return steps.handle((result, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(result);
            }
            LOG.warn("Creating organization {}: adding its creator {} failed; deleting it again", organization.id(), userId);
            return logto.deleteOrganization(organization.id()).handle((deleted, deleteError) -> {
                if (deleteError != null) {
                    LOG.error("Could not delete organization {} after its creation failed; delete it by hand", organization.id(), deleteError);
                }
                return (LogtoModels.Organization) null;
            }).thenCompose(ignored -> CompletableFuture.<LogtoModels.Organization>failedFuture(error));
        }).thenCompose(future -> future);
    }
}
