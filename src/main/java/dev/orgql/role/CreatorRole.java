package dev.orgql.role;

import dev.orgql.auth.AuthConfig;
import dev.orgql.graphql.ErrorCode;
import dev.orgql.graphql.GatewayException;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * The creator role (setting {@code orgql.creator-role}, default {@code admin}), looked up by name in
 * the template. A role created in the last seconds may be missing from the cached template: then the
 * template is read again once.
 */
@Singleton
public class CreatorRole {
    private final TemplateCache template;
    private final AuthConfig config;

    CreatorRole(TemplateCache template, AuthConfig config) {
        this.template = template;
        this.config = config;
    }

    public String name() {
        return config.getCreatorRole();
    }

    public CompletableFuture<String> id() {
        return find().thenCompose(id -> {
            if (id != null) {
                return CompletableFuture.completedFuture(id);
            }
            template.invalidate();
            return find().thenApply(again -> {
                if (again == null) {
                    throw new GatewayException(
                            ErrorCode.INTERNAL_ERROR,
                            "The creator role `" + name()
                                    + "` (setting orgql.creator-role) is not a role of the Logto organization template.");
                }
                return again;
            });
        });
    }

    private CompletableFuture<String> find() {
        return template.roles()
                .thenApply(roles -> roles.values().stream()
                        .filter(role -> role.name().equals(name()))
                        .map(LogtoModels.Role::id)
                        .findFirst()
                        .orElse(null));
    }
}
