package dev.orgql.user;

import dev.orgql.graphql.ErrorCode;
import dev.orgql.graphql.GatewayException;
import dev.orgql.graphql.NodeResolver;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code User} by global id: as {@code viewer.user}, the one path that names a user without an
 * organization, so only the caller's own user. Other users are read in the organization that makes
 * them visible: through their {@code Member} (whose {@code node} is checked there).
 */
@Singleton
class UserNode implements NodeResolver {
    @Override
    public String type() {
        return "User";
    }

    @Override
    public String path() {
        return "Query.viewer";
    }

    @Override
    public String rawIdField() {
        return "userId";
    }

    @Override
    public boolean owns(Object value) {
        return value instanceof UserView;
    }

    @Override
    public List<String> parts(Object value) {
        return List.of(((UserView) value).id());
    }

    @Override
    public CompletableFuture<?> fetch(List<String> parts, DataFetchingEnvironment env) {
        String own = RequestContext.of(env).caller().subject();
        if (!parts.get(0).equals(own)) {
            // The same answer whether that user exists or not.
            return CompletableFuture.failedFuture(new GatewayException(
                    ErrorCode.FORBIDDEN,
                    "`node` answers a User only for the caller's own user (`viewer.user`); read other users"
                            + " through their Member (`node` of a `Member.id`)."));
        }
        return UserLoader.KEY.in(env).load(own).thenApply(user -> {
            if (user == null) {
                throw new GatewayException(
                        ErrorCode.NOT_FOUND, "The token's user " + own + " does not exist in Logto.");
            }
            return user;
        });
    }
}
