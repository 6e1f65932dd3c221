package dev.orgql.bot;

import dev.orgql.graphql.OrganizationScoped;
import dev.orgql.logto.LogtoModels;
import java.util.List;

/** The GraphQL {@code Bot}: a machine-to-machine application in an organization. */
public record BotView(
        String id,
        String organizationId,
        String name,
        String description,
        List<LogtoModels.IdAndName> embeddedRoles,
        long createdAt)
        implements OrganizationScoped {

    static BotView of(String organizationId, LogtoModels.Application application) {
        return new BotView(
                application.id(),
                organizationId,
                application.name(),
                application.description(),
                application.organizationRoles() == null ? List.of() : application.organizationRoles(),
                application.createdAt());
    }
}
