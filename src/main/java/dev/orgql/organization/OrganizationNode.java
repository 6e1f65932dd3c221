package dev.orgql.organization;

import dev.orgql.graphql.OrganizationScoped;
import dev.orgql.logto.LogtoModels;

import java.util.Map;

/** The GraphQL {@code Organization}. */
public record OrganizationNode(String id, String name, String description, Map<String, Object> customData,
                               boolean isMfaRequired, Map<String, Object> branding, long createdAt)
        implements OrganizationScoped {

    public static OrganizationNode of(LogtoModels.Organization organization) {
        return new OrganizationNode(organization.id(), organization.name(), organization.description(),
                organization.customData() == null ? Map.of() : organization.customData(),
                organization.isMfaRequired(),
                organization.branding() == null ? Map.of() : organization.branding(),
                organization.createdAt());
    }

    @Override
    public String organizationId() {
        return id;
    }
}
