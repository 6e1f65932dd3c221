package dev.orgql.member;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.RoleCheck;
import dev.orgql.subject.SubjectKind;
import dev.orgql.subject.SubjectReads;
import dev.orgql.user.UserView;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Users as subjects of an organization: Logto's organization-user routes, and members read back for payloads. */
@Singleton
class Members implements SubjectKind<MemberView> {
    private final LogtoClient logto;
    private final LiveScopeCache liveScopes;
    private final AdminGuard guard;

    Members(LogtoClient logto, LiveScopeCache liveScopes, AdminGuard guard) {
        this.logto = logto;
        this.liveScopes = liveScopes;
        this.guard = guard;
    }

    @Override
    public String roleType() {
        return RoleCheck.USER;
    }

    @Override
    public String idsField() {
        return "userIds";
    }

    @Override
    public String noun() {
        return "user ids";
    }

    @Override
    public CompletableFuture<Void> add(String organizationId, List<String> ids) {
        return logto.addOrganizationUsers(organizationId, ids);
    }

    @Override
    public CompletableFuture<List<String>> outside(String organizationId, List<String> ids) {
        return logto.getUsersOutsideOrganization(organizationId, ids)
                .thenApply(users -> users.stream().map(LogtoModels.User::id).toList());
    }

    @Override
    public CompletableFuture<Void> assignRoles(String organizationId, List<String> ids, List<String> roleIds) {
        return logto.assignOrganizationUsersRoles(organizationId, ids, roleIds);
    }

    @Override
    public CompletableFuture<Void> remove(String organizationId, String id) {
        return logto.removeOrganizationUser(organizationId, id);
    }

    /** A PUT of the member's roles, under the last-admin guard (undo: PUT the old ones). */
    @Override
    public CompletableFuture<Void> replaceRoles(String organizationId, String userId, List<String> roleIds) {
        return guard.creatorRoleId()
                .thenCombine(logto.listOrganizationUserRoles(organizationId, userId), (creatorId, current) -> {
                    List<String> before =
                            current.stream().map(LogtoModels.Role::id).toList();
                    boolean loses = before.contains(creatorId) && !roleIds.contains(creatorId);
                    return guard.guarded(
                            organizationId,
                            userId,
                            creatorId,
                            loses,
                            () -> logto.replaceOrganizationUserRoles(organizationId, userId, roleIds),
                            () -> logto.replaceOrganizationUserRoles(organizationId, userId, before),
                            () -> CompletableFuture.<Void>completedFuture(null));
                })
                .thenCompose(f -> f);
    }

    @Override
    public void changed(String organizationId, String id) {
        liveScopes.invalidate(organizationId, id);
    }

    @Override
    public UserError addRefusal(LogtoException e) {
        return e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                ? UserError.of(
                        UserErrorCode.NOT_FOUND,
                        "A user (or the organization) does not exist: " + e.getMessage(),
                        "input",
                        "userIds")
                : null;
    }

    @Override
    public UserError assignRefusal(LogtoException e) {
        return e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                // The roles were checked against the template: what is missing is a membership.
                ? UserError.of(
                        UserErrorCode.NOT_A_MEMBER,
                        "A user is not a member of the organization: " + e.getMessage(),
                        "input",
                        "userIds")
                : null;
    }

    @Override
    public CompletableFuture<List<MemberView>> read(String organizationId, List<String> ids) {
        return SubjectReads.read(
                ids,
                logto::getUsersByIds,
                LogtoModels.User::id,
                id -> logto.listOrganizationUserRoles(organizationId, id),
                (user, roles) -> new MemberView(user.id(), organizationId, UserView.of(user), roles));
    }

    CompletableFuture<MemberView> readOne(String organizationId, String userId) {
        return read(organizationId, List.of(userId)).thenApply(list -> list.isEmpty() ? null : list.get(0));
    }
}
