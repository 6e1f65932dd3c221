package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.RequestContext;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoError;
import dev.orgql.member.MemberInputs.LeaveOrganizationInput;
import dev.orgql.member.MemberPayloads.LeaveOrganizationPayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.leaveOrganization}: the caller (the token's subject) removes themselves. */
@Singleton
class LeaveOrganizationMutation implements GatewayFetcher<CompletableFuture<LeaveOrganizationPayload>> {
    private final MemberRemoval removal;

    LeaveOrganizationMutation(MemberRemoval removal) {
        this.removal = removal;
    }

    @Override
    public String coordinates() {
        return "Mutation.leaveOrganization";
    }

    @Override
    public CompletableFuture<LeaveOrganizationPayload> get(DataFetchingEnvironment env) {
        String organizationId = Inputs.read(env, LeaveOrganizationInput.class).organizationId();
        String userId = RequestContext.of(env).caller().subject();
        return Mutations.run(
                LeaveOrganizationPayload::failed,
                () -> removal.remove(
                        organizationId, userId, () -> new LeaveOrganizationPayload(organizationId, List.of())),
                e -> e.status() == 404 || e.is(LogtoError.REQUIRE_MEMBERSHIP)
                        ? UserError.of(
                                UserErrorCode.NOT_A_MEMBER,
                                "You are not a member of this organization.",
                                "input",
                                "organizationId")
                        : null);
    }
}
