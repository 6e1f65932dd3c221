package dev.orgql.bot;

import dev.orgql.bot.BotInputs.SetBotRolesInput;
import dev.orgql.bot.BotPayloads.SetBotRolesPayload;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.subject.SubjectMutations;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.setBotRoles}: PUT of the bot's roles, or clearing them one by one ({@link Bots#replaceRoles}). */
@Singleton
class SetBotRolesMutation implements GatewayFetcher<CompletableFuture<SetBotRolesPayload>> {
    private final SubjectMutations subjects;
    private final Bots bots;

    SetBotRolesMutation(SubjectMutations subjects, Bots bots) {
        this.subjects = subjects;
        this.bots = bots;
    }

    @Override
    public String coordinates() {
        return "Mutation.setBotRoles";
    }

    @Override
    public CompletableFuture<SetBotRolesPayload> get(DataFetchingEnvironment env) {
        SetBotRolesInput input = Inputs.read(env, SetBotRolesInput.class);
        boolean readBack = Mutations.selected(env, "bot");
        return Mutations.run(
                SetBotRolesPayload::failed,
                () -> subjects.set(bots, input.organizationId(), input.applicationId(), input.roleIds(), readBack)
                        .thenApply(bot -> new SetBotRolesPayload(bot, List.of())));
    }
}
