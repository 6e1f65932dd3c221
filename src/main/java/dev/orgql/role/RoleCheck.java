package dev.orgql.role;

import dev.orgql.graphql.Mutations.UserErrorException;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoModels;
import dev.orgql.logto.RoleType;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Checks role ids against the template before Logto is called: unknown roles are {@code NOT_FOUND},
 * roles of the other type {@code ROLE_TYPE_MISMATCH}. A role missing from the cached template makes
 * the template be read again once (it may have been created in the last seconds).
 */
@Singleton
public class RoleCheck {
    public static final String USER = RoleType.USER.logtoName();
    public static final String MACHINE_TO_MACHINE = RoleType.MACHINE_TO_MACHINE.logtoName();

    private final TemplateCache template;

    RoleCheck(TemplateCache template) {
        this.template = template;
    }

    /** Completes normally when every role exists and has {@code type}; fails with a {@link UserErrorException}. */
    public CompletableFuture<Void> require(List<String> roleIds, String type, String... field) {
        if (roleIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return template.rolesWith(roleIds).thenAccept(roles -> check(roles, roleIds, type, field));
    }

    private static void check(Map<String, LogtoModels.Role> roles, List<String> roleIds, String type, String... field) {
        for (String id : roleIds) {
            LogtoModels.Role role = roles.get(id);
            if (role == null) {
                throw new UserErrorException(
                        UserError.of(UserErrorCode.NOT_FOUND, "No organization role has the id " + id + ".", field));
            }
            String actual = role.type() == null ? USER : role.type();
            if (!actual.equals(type)) {
                String message = USER.equals(type)
                        ? "The role `" + role.name()
                                + "` is a machine-to-machine role; members (users) take user roles only."
                        : "The role `" + role.name() + "` is a user role; bots take machine-to-machine roles only.";
                throw new UserErrorException(UserError.of(UserErrorCode.ROLE_TYPE_MISMATCH, message, field));
            }
        }
    }
}
