package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Logto user. There is no password store: {@code hasPassword} only feeds the profile field of that name.
 * {@code applicationId} is the application of the last sign-in (null for users who never signed in).
 */
public record User(
        String id,
        String username,
        String primaryEmail,
        String primaryPhone,
        String name,
        String avatar,
        ObjectNode customData,
        ObjectNode profile,
        boolean hasPassword,
        Long lastSignInAt,
        long createdAt,
        long updatedAt,
        String applicationId) {}
