package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.RequestContext;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoError;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.leaveOrganization}: the caller (the token's subject) removes themselves. */
@Singleton
class LeaveOrganizationMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final MemberRemoval removal;

    LeaveOrganizationMutation(MemberRemoval removal) {
        this.removal = removal;
    }

    @Override
    public String coordinates() {
        return "Mutation.leaveOrganization";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        String organizationId = (String) Mutations.input(env).get("organizationId");
        String userId = RequestContext.of(env).caller().subject();
        return Mutations.run(() -> removal.remove(organizationId, userId, "organizationId", organizationId),
                e -> e.status() == 404 || e.is(LogtoError.REQUIRE_MEMBERSHIP)
                        ? UserError.of(UserErrorCode.NOT_A_MEMBER, "You are not a member of this organization.", "input", "organizationId")
                        : null);
    }
}
