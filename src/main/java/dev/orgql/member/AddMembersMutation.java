package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.IdempotentMutations;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.member.MemberInputs.AddMembersInput;
import dev.orgql.member.MemberPayloads.AddMembersPayload;
import dev.orgql.subject.SubjectMutations;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.addMembers}: add the users, then (bulk route) give them the roles; if the roles
 * cannot be given, the users this call added are removed again ({@link SubjectMutations#add}).
 */
@Singleton
class AddMembersMutation implements GatewayFetcher<CompletableFuture<AddMembersPayload>> {
    private final IdempotentMutations idempotency;
    private final SubjectMutations subjects;
    private final Members members;

    AddMembersMutation(SubjectMutations subjects, Members members, IdempotentMutations idempotency) {
        this.idempotency = idempotency;
        this.subjects = subjects;
        this.members = members;
    }

    @Override
    public String coordinates() {
        return "Mutation.addMembers";
    }

    @Override
    public CompletableFuture<AddMembersPayload> get(DataFetchingEnvironment env) {
        AddMembersInput input = Inputs.read(env, AddMembersInput.class);
        boolean readBack = Mutations.selected(env, "members");
        return idempotency.once(
                env,
                AddMembersPayload::failed,
                AddMembersPayload::userErrors,
                () -> Mutations.run(
                        AddMembersPayload::failed,
                        () -> subjects.add(members, input.organizationId(), input.userIds(), input.roleIds(), readBack)
                                .thenApply(added -> new AddMembersPayload(added, List.of())),
                        members::addRefusal));
    }
}
