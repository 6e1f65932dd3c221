package dev.orgql.member;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.removeMember}. */
@Singleton
class RemoveMemberMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final MemberRemoval removal;

    RemoveMemberMutation(MemberRemoval removal) {
        this.removal = removal;
    }

    @Override
    public String coordinates() {
        return "Mutation.removeMember";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String userId = (String) input.get("userId");
        return Mutations.run(() -> removal.remove((String) input.get("organizationId"), userId, "removedUserId", userId),
                e -> e.status() == 404 ? UserError.of(UserErrorCode.NOT_A_MEMBER, "The user is not a member of the organization.",
                        "input", "userId") : null);
    }
}
