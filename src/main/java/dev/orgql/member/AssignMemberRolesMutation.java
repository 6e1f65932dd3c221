package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.member.MemberInputs.AssignMemberRolesInput;
import dev.orgql.member.MemberPayloads.AssignMemberRolesPayload;
import dev.orgql.subject.SubjectMutations;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.assignMemberRoles}: Logto's bulk route, every user by every role, all or nothing. */
@Singleton
class AssignMemberRolesMutation implements GatewayFetcher<CompletableFuture<AssignMemberRolesPayload>> {
    private final SubjectMutations subjects;
    private final Members members;

    AssignMemberRolesMutation(SubjectMutations subjects, Members members) {
        this.subjects = subjects;
        this.members = members;
    }

    @Override
    public String coordinates() {
        return "Mutation.assignMemberRoles";
    }

    @Override
    public CompletableFuture<AssignMemberRolesPayload> get(DataFetchingEnvironment env) {
        AssignMemberRolesInput input = Inputs.read(env, AssignMemberRolesInput.class);
        boolean readBack = Mutations.selected(env, "members");
        return Mutations.run(
                AssignMemberRolesPayload::failed,
                () -> subjects.assign(members, input.organizationId(), input.userIds(), input.roleIds(), readBack)
                        .thenApply(assigned -> new AssignMemberRolesPayload(assigned, List.of())),
                members::assignRefusal);
    }
}
