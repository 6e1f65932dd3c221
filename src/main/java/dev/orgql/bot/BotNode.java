package dev.orgql.bot;

import dev.orgql.graphql.OrganizationScoped;
import dev.orgql.logto.LogtoModels;

import java.util.List;

/** The GraphQL {@code Bot}: a machine-to-machine application in an organization. */
public record BotNode(String id, String organizationId, String name, String description,
                      List<LogtoModels.Ref> roleRefs, long createdAt) implements OrganizationScoped {

    static BotNode of(String organizationId, LogtoModels.Application application) {
        return new BotNode(application.id(), organizationId, application.name(), application.description(),
                application.organizationRoles() == null ? List.of() : application.organizationRoles(),
                application.createdAt());
    }
}
