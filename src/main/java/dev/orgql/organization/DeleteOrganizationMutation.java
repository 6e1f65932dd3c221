package dev.orgql.organization;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.organization.OrganizationInputs.DeleteOrganizationInput;
import dev.orgql.organization.OrganizationPayloads.DeleteOrganizationPayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.deleteOrganization}: reads the organization, compares the confirmation, deletes. */
@Singleton
class DeleteOrganizationMutation implements GatewayFetcher<CompletableFuture<DeleteOrganizationPayload>> {
    private final LogtoClient logto;
    private final LiveScopeCache liveScopes;

    DeleteOrganizationMutation(LogtoClient logto, LiveScopeCache liveScopes) {
        this.logto = logto;
        this.liveScopes = liveScopes;
    }

    @Override
    public String coordinates() {
        return "Mutation.deleteOrganization";
    }

    @Override
    public CompletableFuture<DeleteOrganizationPayload> get(DataFetchingEnvironment env) {
        DeleteOrganizationInput input = Inputs.read(env, DeleteOrganizationInput.class);
        String organizationId = input.organizationId();
        return Mutations.run(
                DeleteOrganizationPayload::failed,
                () -> logto.fresh().getOrganization(organizationId).thenCompose(organization -> {
                    if (!organization.name().equals(input.confirmName())) {
                        return Mutations.refuse(UserError.of(
                                UserErrorCode.CONFIRMATION_MISMATCH,
                                "confirmName does not match the organization's name; nothing was deleted.",
                                "input",
                                "confirmName"));
                    }
                    return logto.deleteOrganization(organizationId).thenApply(deleted -> {
                        liveScopes.invalidateOrganization(organizationId);
                        return new DeleteOrganizationPayload(organizationId, List.of());
                    });
                }));
    }
}
