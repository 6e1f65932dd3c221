package dev.orgql.role;

import dev.orgql.logto.LogtoModels;

import java.util.List;

/** The GraphQL {@code Role}; {@code type} is the SDL's {@code RoleType} name. */
public record RoleView(String id, String name, String description, String type, List<LogtoModels.IdAndName> embeddedScopes) {

    static RoleView of(LogtoModels.Role role) {
        return new RoleView(role.id(), role.name(), role.description(),
                "MachineToMachine".equals(role.type()) ? "MACHINE_TO_MACHINE" : "USER",
                role.scopes() == null ? List.of() : role.scopes());
    }
}
