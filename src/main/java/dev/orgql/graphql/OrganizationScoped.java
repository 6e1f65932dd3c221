package dev.orgql.graphql;

/**
 * An object that belongs to one organization. The scope directive checks the fields of such objects
 * inside that organization.
 */
public interface OrganizationScoped {
    String organizationId();
}
