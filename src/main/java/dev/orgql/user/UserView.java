package dev.orgql.user;

import dev.orgql.logto.LogtoModels;

/** The GraphQL {@code User}. */
public record UserView(
        String id,
        String username,
        String name,
        String primaryEmail,
        String primaryPhone,
        String avatar,
        Long lastSignInAt,
        long createdAt) {

    public static UserView of(LogtoModels.User user) {
        return new UserView(
                user.id(),
                user.username(),
                user.name(),
                user.primaryEmail(),
                user.primaryPhone(),
                user.avatar(),
                user.lastSignInAt(),
                user.createdAt());
    }
}
