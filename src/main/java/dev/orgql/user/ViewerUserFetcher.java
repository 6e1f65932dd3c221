package dev.orgql.user;

import dev.orgql.graphql.ErrorCode;
import dev.orgql.graphql.GatewayException;
import dev.orgql.graphql.GatewayFetcher;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@code Viewer.user}, through the batched user loader. */
@Singleton
class ViewerUserFetcher implements GatewayFetcher<CompletableFuture<UserView>> {
    @Override
    public String coordinates() {
        return "Viewer.user";
    }

    @Override
    public CompletableFuture<UserView> get(DataFetchingEnvironment env) {
        Viewer viewer = env.getSource();
        return UserLoader.KEY.in(env).load(viewer.userId()).thenApply(user -> {
            if (user == null) {
                throw new GatewayException(
                        ErrorCode.NOT_FOUND, "The token's user " + viewer.userId() + " does not exist in Logto.");
            }
            return user;
        });
    }
}
