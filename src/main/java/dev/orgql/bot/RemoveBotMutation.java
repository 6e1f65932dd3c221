package dev.orgql.bot;

import dev.orgql.bot.BotInputs.RemoveBotInput;
import dev.orgql.bot.BotPayloads.RemoveBotPayload;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.removeBot}. */
@Singleton
class RemoveBotMutation implements GatewayFetcher<CompletableFuture<RemoveBotPayload>> {
    private final LogtoClient logto;

    RemoveBotMutation(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Mutation.removeBot";
    }

    @Override
    public CompletableFuture<RemoveBotPayload> get(DataFetchingEnvironment env) {
        RemoveBotInput input = Inputs.read(env, RemoveBotInput.class);
        String applicationId = input.applicationId();
        return Mutations.run(
                RemoveBotPayload::failed,
                () -> logto.removeOrganizationApplication(input.organizationId(), applicationId)
                        .thenApply(removed -> new RemoveBotPayload(input.organizationId(), applicationId, List.of())),
                e -> e.status() == 404
                        ? UserError.of(
                                UserErrorCode.NOT_A_MEMBER,
                                "The application is not a bot of this organization.",
                                "input",
                                "applicationId")
                        : null);
    }
}
