package dev.orgql.bot;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.removeBot}. */
@Singleton
class RemoveBotMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final LogtoClient logto;

    RemoveBotMutation(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Mutation.removeBot";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String applicationId = (String) input.get("applicationId");
        return Mutations.run(() -> logto.removeOrganizationApplication((String) input.get("organizationId"), applicationId)
                        .thenApply(removed -> Mutations.payload("removedApplicationId", applicationId)),
                e -> e.status() == 404 ? UserError.of(UserErrorCode.NOT_A_MEMBER, "The application is not a bot of this organization.",
                        "input", "applicationId") : null);
    }
}
