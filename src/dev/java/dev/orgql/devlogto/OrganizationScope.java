package dev.orgql.devlogto;

/** A permission of the organization template. */
public record OrganizationScope(String id, String name, String description) {}
