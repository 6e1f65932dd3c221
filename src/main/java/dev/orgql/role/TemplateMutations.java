package dev.orgql.role;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.Mutations.UserErrorException;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What every template mutation shares: building bodies from inputs, and after a change dropping the
 * caches it made stale (the template, and every member's live scopes, which roles and scopes feed).
 * The changed role is read back from the refreshed template, so it comes with its scopes.
 */
@Singleton
class TemplateMutations {
    private final TemplateCache template;
    private final LiveScopeCache liveScopes;

    TemplateMutations(TemplateCache template, LiveScopeCache liveScopes) {
        this.template = template;
        this.liveScopes = liveScopes;
    }

    void changed() {
        template.invalidate();
        liveScopes.invalidateAll();
    }

    /**
     * The changed role, read back from the refreshed template. A role gone by then (deleted by a
     * simultaneous change) is a NOT_FOUND userError, never a payload with neither a role nor a reason.
     */
    CompletableFuture<RoleView> readBack(String roleId) {
        changed();
        return template.roles().thenApply(roles -> {
            var role = roles.get(roleId);
            if (role == null) {
                throw new UserErrorException(UserError.of(
                        UserErrorCode.NOT_FOUND,
                        "The role " + roleId + " no longer exists (it was deleted meanwhile).",
                        "input"));
            }
            return RoleView.of(role);
        });
    }

    /** As {@link #readBack}, for scopes. */
    CompletableFuture<ScopeView> readBackScope(String scopeId) {
        changed();
        return template.scopes().thenApply(scopes -> {
            var scope = scopes.get(scopeId);
            if (scope == null) {
                throw new UserErrorException(UserError.of(
                        UserErrorCode.NOT_FOUND,
                        "The scope " + scopeId + " no longer exists (it was deleted meanwhile).",
                        "input"));
            }
            return ScopeView.of(scope);
        });
    }

    /**
     * Fails with a NOT_FOUND userError unless the role is in the template. Needed before routes that
     * do not check the role themselves: Logto answers 204 to {@code PUT /organization-roles/{unknown}/scopes}
     * (recording 50, both versions). A miss reads the template again once (the role may be seconds old).
     */
    CompletableFuture<LogtoModels.Role> requireRole(String roleId, String... field) {
        return template.rolesWith(List.of(roleId)).thenApply(roles -> {
            LogtoModels.Role role = roles.get(roleId);
            if (role == null) {
                throw new UserErrorException(UserError.of(
                        UserErrorCode.NOT_FOUND, "No organization role has the id " + roleId + ".", field));
            }
            return role;
        });
    }

    /** Fails with a NOT_FOUND userError naming every scope id that is not in the template (re-read once on a miss). */
    CompletableFuture<Void> requireScopes(List<String> scopeIds, String... field) {
        if (scopeIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return template.scopesWith(scopeIds).thenAccept(scopes -> {
            List<String> unknown =
                    scopeIds.stream().filter(id -> !scopes.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw new UserErrorException(UserError.of(
                        UserErrorCode.NOT_FOUND,
                        (unknown.size() == 1
                                        ? "No organization scope has the id "
                                        : "No organization scopes have the ids ")
                                + String.join(", ", unknown) + ".",
                        field));
            }
        });
    }

    /** Logto's 404 for a role or scope id named by the input. */
    static UserError notFound(dev.orgql.logto.LogtoException e, String field) {
        return e.status() == 404 ? UserError.of(UserErrorCode.NOT_FOUND, e.getMessage(), "input", field) : null;
    }
}
