package dev.orgql.organization;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.deleteOrganization}: reads the organization, compares the confirmation, deletes. */
@Singleton
class DeleteOrganizationMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
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
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String organizationId = (String) input.get("organizationId");
        return Mutations.run(() -> logto.getOrganization(organizationId).thenCompose(organization -> {
            if (!organization.name().equals(input.get("confirmName"))) {
                return Mutations.failedNow(UserError.of(UserErrorCode.CONFIRMATION_MISMATCH,
                        "confirmName does not match the organization's name; nothing was deleted.", "input", "confirmName"));
            }
            return logto.deleteOrganization(organizationId).thenApply(deleted -> {
                liveScopes.invalidateOrganization(organizationId);
                return Mutations.payload("deletedOrganizationId", organizationId);
            });
        }));
    }
}
