package dev.orgql.user;

/** The GraphQL {@code Viewer}: the signed-in user, by id. */
public record Viewer(String userId) {}
