package dev.orgql.member;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Removing one member (for {@code removeMember} and {@code leaveOrganization}), under the last-admin guard. */
@Singleton
class MemberRemoval {
    private final LogtoClient logto;
    private final AdminGuard guard;
    private final LiveScopeCache liveScopes;

    MemberRemoval(LogtoClient logto, AdminGuard guard, LiveScopeCache liveScopes) {
        this.logto = logto;
        this.guard = guard;
        this.liveScopes = liveScopes;
    }

    /** The member's roles are read first: that checks membership ({@code NOT_A_MEMBER}) and keeps what an undo needs. */
    <P> CompletableFuture<P> remove(String organizationId, String userId, Supplier<P> payload) {
        return guard.creatorRoleId()
                .thenCombine(logto.listOrganizationUserRoles(organizationId, userId), (creatorId, roles) -> {
                    List<String> roleIds =
                            roles.stream().map(LogtoModels.Role::id).toList();
                    return guard.guarded(
                            organizationId,
                            userId,
                            creatorId,
                            roleIds.contains(creatorId),
                            () -> logto.removeOrganizationUser(organizationId, userId),
                            () -> logto.addOrganizationUsers(organizationId, List.of(userId))
                                    .thenCompose(
                                            added -> logto.addOrganizationUserRoles(organizationId, userId, roleIds)),
                            () -> {
                                liveScopes.invalidate(organizationId, userId);
                                return CompletableFuture.completedFuture(payload.get());
                            });
                })
                .thenCompose(f -> f);
    }
}
