package dev.orgql.role;

import dev.orgql.logto.LogtoModels;
import dev.orgql.logto.RoleType;
import java.util.List;

/** The GraphQL {@code Role}; {@code type} is the SDL's {@code RoleType} name. */
public record RoleView(
        String id, String name, String description, String type, List<LogtoModels.IdAndName> embeddedScopes) {

    static RoleView of(LogtoModels.Role role) {
        return new RoleView(
                role.id(),
                role.name(),
                role.description(),
                RoleType.of(role.type()).name(),
                role.scopes() == null ? List.of() : role.scopes());
    }
}
