package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.member.MemberInputs.RemoveMemberInput;
import dev.orgql.member.MemberPayloads.RemoveMemberPayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.removeMember}. */
@Singleton
class RemoveMemberMutation implements GatewayFetcher<CompletableFuture<RemoveMemberPayload>> {
    private final MemberRemoval removal;

    RemoveMemberMutation(MemberRemoval removal) {
        this.removal = removal;
    }

    @Override
    public String coordinates() {
        return "Mutation.removeMember";
    }

    @Override
    public CompletableFuture<RemoveMemberPayload> get(DataFetchingEnvironment env) {
        RemoveMemberInput input = Inputs.read(env, RemoveMemberInput.class);
        String userId = input.userId();
        return Mutations.run(
                RemoveMemberPayload::failed,
                () -> removal.remove(
                        input.organizationId(),
                        userId,
                        () -> new RemoveMemberPayload(input.organizationId(), userId, List.of())),
                e -> e.status() == 404
                        ? UserError.of(
                                UserErrorCode.NOT_A_MEMBER,
                                "The user is not a member of the organization.",
                                "input",
                                "userId")
                        : null);
    }
}
