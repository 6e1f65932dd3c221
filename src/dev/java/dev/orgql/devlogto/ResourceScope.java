package dev.orgql.devlogto;

/** A permission of an API resource, which organization roles can carry as {@code resourceScopes}. */
public record ResourceScope(String id, String resourceId, String name, String description, long createdAt) {}
