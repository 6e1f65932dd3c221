package dev.orgql.bot;

import dev.orgql.bot.BotInputs.AddBotsInput;
import dev.orgql.bot.BotPayloads.AddBotsPayload;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.IdempotentMutations;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.subject.SubjectMutations;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.addBots}: check the applications are machine-to-machine, add them, then give them the
 * roles; if the roles cannot be given, the bots this call added are removed again ({@link SubjectMutations#add}).
 */
@Singleton
class AddBotsMutation implements GatewayFetcher<CompletableFuture<AddBotsPayload>> {
    private final IdempotentMutations idempotency;
    private final SubjectMutations subjects;
    private final Bots bots;

    AddBotsMutation(SubjectMutations subjects, Bots bots, IdempotentMutations idempotency) {
        this.idempotency = idempotency;
        this.subjects = subjects;
        this.bots = bots;
    }

    @Override
    public String coordinates() {
        return "Mutation.addBots";
    }

    @Override
    public CompletableFuture<AddBotsPayload> get(DataFetchingEnvironment env) {
        AddBotsInput input = Inputs.read(env, AddBotsInput.class);
        boolean readBack = Mutations.selected(env, "bots");
        return idempotency.once(
                env,
                AddBotsPayload::failed,
                AddBotsPayload::userErrors,
                () -> Mutations.run(
                        AddBotsPayload::failed,
                        () -> subjects.add(
                                        bots, input.organizationId(), input.applicationIds(), input.roleIds(), readBack)
                                .thenApply(added -> new AddBotsPayload(added, List.of())),
                        bots::addRefusal));
    }
}
