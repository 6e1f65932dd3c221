package dev.orgql.invitation;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.user.UserLoader;
import dev.orgql.user.UserView;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@code Invitation.inviter} and {@code Invitation.acceptedUser}, batched through the user loader. */
final class InvitationUserFetchers {
    private InvitationUserFetchers() {}

    static CompletableFuture<UserView> load(DataFetchingEnvironment env, String userId) {
        if (userId == null) {
            return CompletableFuture.completedFuture(null);
        }
        return UserLoader.KEY.in(env).load(userId);
    }

    @Singleton
    static class Inviter implements GatewayFetcher<CompletableFuture<UserView>> {
        @Override
        public String coordinates() {
            return "Invitation.inviter";
        }

        @Override
        public CompletableFuture<UserView> get(DataFetchingEnvironment env) {
            return load(env, env.<InvitationView>getSource().inviterId());
        }
    }

    @Singleton
    static class AcceptedUser implements GatewayFetcher<CompletableFuture<UserView>> {
        @Override
        public String coordinates() {
            return "Invitation.acceptedUser";
        }

        @Override
        public CompletableFuture<UserView> get(DataFetchingEnvironment env) {
            return load(env, env.<InvitationView>getSource().acceptedUserId());
        }
    }
}
