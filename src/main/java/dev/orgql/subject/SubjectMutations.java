package dev.orgql.subject;

import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.role.RoleCheck;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one implementation of adding subjects to an organization with roles ({@code addMembers},
 * {@code addBots}) and of giving subjects roles in bulk ({@code assignMemberRoles},
 * {@code assignBotRoles}); the member and bot fetchers pass their {@link SubjectKind}. Failures are
 * user errors thrown into the chain: run these inside {@link Mutations#run}.
 */
@Singleton
public class SubjectMutations {
    private final RoleCheck roleCheck;

    SubjectMutations(RoleCheck roleCheck) {
        this.roleCheck = roleCheck;
    }

    /**
     * Adds the subjects, then (bulk route) gives them the roles, as one unit: when the roles step fails,
     * the subjects this call added (not those already there) are removed again before the failure is
     * reported, so a failed call leaves the organization as it was.
     *
     * @param readBack whether the payload's subjects are selected (else the result is empty)
     */
    public <V> CompletableFuture<List<V>> add(
            SubjectKind<V> kind, String organizationId, List<String> ids, List<String> roleIds, boolean readBack) {
        UserError size = Mutations.batchSizeError(ids, kind.noun(), "input", kind.idsField());
        if (size != null) {
            return Mutations.refuse(size);
        }
        return roleCheck
                .require(roleIds, kind.roleType(), "input", "roleIds")
                .thenCompose(ok -> kind.checkAddable(ids))
                .thenCompose(ok -> roleIds.isEmpty()
                        ? kind.add(organizationId, ids)
                        : addWithRoles(kind, organizationId, ids, roleIds))
                .thenCompose(done -> afterChange(kind, organizationId, ids, readBack));
    }

    /** Gives every subject every role, in one call, all or nothing. */
    public <V> CompletableFuture<List<V>> assign(
            SubjectKind<V> kind, String organizationId, List<String> ids, List<String> roleIds, boolean readBack) {
        UserError size = Mutations.batchSizeError(ids, kind.noun(), "input", kind.idsField());
        if (size != null) {
            return Mutations.refuse(size);
        }
        if (roleIds.isEmpty()) {
            return Mutations.refuse(
                    UserError.of(UserErrorCode.BAD_USER_INPUT, "Give at least one role id.", "input", "roleIds"));
        }
        return roleCheck
                .require(roleIds, kind.roleType(), "input", "roleIds")
                .thenCompose(ok -> kind.assignRoles(organizationId, ids, roleIds))
                .thenCompose(done -> afterChange(kind, organizationId, ids, readBack));
    }

    /**
     * Replaces one subject's roles ({@code setMemberRoles}, {@code setBotRoles}).
     *
     * @return the subject read back, or null when not selected
     */
    public <V> CompletableFuture<V> set(
            SubjectKind<V> kind, String organizationId, String id, List<String> roleIds, boolean readBack) {
        return roleCheck
                .require(roleIds, kind.roleType(), "input", "roleIds")
                .thenCompose(ok -> kind.replaceRoles(organizationId, id, roleIds))
                .thenCompose(done -> afterChange(kind, organizationId, List.of(id), readBack))
                .thenApply(read -> read.isEmpty() ? null : read.get(0));
    }

    private static <V> CompletableFuture<List<V>> afterChange(
            SubjectKind<V> kind, String organizationId, List<String> ids, boolean readBack) {
        ids.forEach(id -> kind.changed(organizationId, id));
        return readBack ? kind.read(organizationId, ids) : CompletableFuture.completedFuture(List.of());
    }

    private static CompletableFuture<Void> addWithRoles(
            SubjectKind<?> kind, String organizationId, List<String> ids, List<String> roleIds) {
        return kind.outside(organizationId, ids)
                .thenCompose(added -> kind.add(organizationId, ids)
                        .thenCompose(done -> kind.assignRoles(organizationId, ids, roleIds)
                                .handle((ok, failure) -> failure)
                                .thenCompose(failure -> {
                                    if (failure == null) {
                                        return CompletableFuture.<Void>completedFuture(null);
                                    }
                                    CompletableFuture<?>[] undo = added.stream()
                                            .map(id -> kind.remove(organizationId, id))
                                            .toArray(CompletableFuture[]::new);
                                    return CompletableFuture.allOf(undo).handle((undone, undoFailure) -> {
                                        throw LogtoErrors.rethrow(failure);
                                    });
                                })));
    }
}
