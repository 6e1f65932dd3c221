package dev.orgql.user;

import dev.orgql.logto.LogtoModels;

/** The GraphQL {@code User}. */
public record UserNode(String id, String username, String name, String primaryEmail, String primaryPhone,
                       String avatar, Long lastSignInAt, long createdAt) {

    public static UserNode of(LogtoModels.User user) {
        return new UserNode(user.id(), user.username(), user.name(), user.primaryEmail(), user.primaryPhone(),
                user.avatar(), user.lastSignInAt(), user.createdAt());
    }
}
