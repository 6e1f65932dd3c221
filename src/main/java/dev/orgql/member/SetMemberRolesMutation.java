package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.member.MemberInputs.SetMemberRolesInput;
import dev.orgql.member.MemberPayloads.SetMemberRolesPayload;
import dev.orgql.subject.SubjectMutations;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.setMemberRoles}: PUT of one member's roles, under the last-admin guard ({@link Members#replaceRoles}). */
@Singleton
class SetMemberRolesMutation implements GatewayFetcher<CompletableFuture<SetMemberRolesPayload>> {
    private final SubjectMutations subjects;
    private final Members members;

    SetMemberRolesMutation(SubjectMutations subjects, Members members) {
        this.subjects = subjects;
        this.members = members;
    }

    @Override
    public String coordinates() {
        return "Mutation.setMemberRoles";
    }

    @Override
    public CompletableFuture<SetMemberRolesPayload> get(DataFetchingEnvironment env) {
        SetMemberRolesInput input = Inputs.read(env, SetMemberRolesInput.class);
        boolean readBack = Mutations.selected(env, "member");
        return Mutations.run(
                SetMemberRolesPayload::failed,
                () -> subjects.set(members, input.organizationId(), input.userId(), input.roleIds(), readBack)
                        .thenApply(member -> new SetMemberRolesPayload(member, List.of())));
    }
}
