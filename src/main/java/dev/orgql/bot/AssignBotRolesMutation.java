package dev.orgql.bot;

import dev.orgql.bot.BotInputs.AssignBotRolesInput;
import dev.orgql.bot.BotPayloads.AssignBotRolesPayload;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.subject.SubjectMutations;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.assignBotRoles}: Logto's bulk route for applications. */
@Singleton
class AssignBotRolesMutation implements GatewayFetcher<CompletableFuture<AssignBotRolesPayload>> {
    private final SubjectMutations subjects;
    private final Bots bots;

    AssignBotRolesMutation(SubjectMutations subjects, Bots bots) {
        this.subjects = subjects;
        this.bots = bots;
    }

    @Override
    public String coordinates() {
        return "Mutation.assignBotRoles";
    }

    @Override
    public CompletableFuture<AssignBotRolesPayload> get(DataFetchingEnvironment env) {
        AssignBotRolesInput input = Inputs.read(env, AssignBotRolesInput.class);
        boolean readBack = Mutations.selected(env, "bots");
        return Mutations.run(
                AssignBotRolesPayload::failed,
                () -> subjects.assign(bots, input.organizationId(), input.applicationIds(), input.roleIds(), readBack)
                        .thenApply(assigned -> new AssignBotRolesPayload(assigned, List.of())),
                bots::assignRefusal);
    }
}
