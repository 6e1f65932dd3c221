package dev.orgql.organization;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.logto.LogtoClient;
import dev.orgql.organization.OrganizationInputs.UpdateOrganizationInput;
import dev.orgql.organization.OrganizationPayloads.UpdateOrganizationPayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.updateOrganization}: one PATCH with the fields the client sent (customData replaces). */
@Singleton
class UpdateOrganizationMutation implements GatewayFetcher<CompletableFuture<UpdateOrganizationPayload>> {
    private final LogtoClient logto;

    UpdateOrganizationMutation(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Mutation.updateOrganization";
    }

    @Override
    public CompletableFuture<UpdateOrganizationPayload> get(DataFetchingEnvironment env) {
        return Mutations.run(UpdateOrganizationPayload::failed, () -> {
            UpdateOrganizationInput input = Inputs.read(env, UpdateOrganizationInput.class);
            return logto.updateOrganization(input.organizationId(), input.body())
                    .thenApply(organization ->
                            new UpdateOrganizationPayload(OrganizationView.of(organization), List.of()));
        });
    }
}
