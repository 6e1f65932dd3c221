package dev.orgql.subject;

import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.UpstreamFailure;
import dev.orgql.role.RoleCheck;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of adding subjects to an organization with roles ({@code addMembers},
 * {@code addBots}) and of giving subjects roles in bulk ({@code assignMemberRoles},
 * {@code assignBotRoles}); the member and bot fetchers pass their {@link SubjectKind}. Failures are
 * user errors thrown into the chain: run these inside {@link Mutations#run}.
 */
@Singleton
public class SubjectMutations {
    private static final Logger LOG = LoggerFactory.getLogger(SubjectMutations.class);

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

    /**
     * Adds, then gives the roles; when either step fails the subjects this call added are removed again.
     * That includes an add whose answer was lost (reset, 5xx, timeout): Logto may have applied it, and
     * newcomers without their roles would be a half-made change. Removing one that was never added is
     * Logto's 404, which counts as done.
     */
    private static CompletableFuture<Void> addWithRoles(
            SubjectKind<?> kind, String organizationId, List<String> ids, List<String> roleIds) {
        return kind.outside(organizationId, ids)
                .thenCompose(added -> kind.add(organizationId, ids)
                        .handle((ok, addFailure) -> addFailure)
                        .thenCompose(addFailure -> {
                            if (addFailure != null) {
                                return answerLost(addFailure)
                                        ? undo(kind, organizationId, added, roleIds, addFailure)
                                        : CompletableFuture.<Void>failedFuture(addFailure);
                            }
                            return kind.assignRoles(organizationId, ids, roleIds)
                                    .handle((ok, failure) -> failure)
                                    .thenCompose(failure -> failure == null
                                            ? CompletableFuture.<Void>completedFuture(null)
                                            : undo(kind, organizationId, added, roleIds, failure));
                        }));
    }

    /** Whether Logto may have applied a write that failed: no answer, a broken one, a 5xx, a timeout. */
    private static boolean answerLost(Throwable error) {
        Throwable t = LogtoErrors.unwrapAny(error);
        if (t instanceof LogtoException e) {
            return e.failure() == UpstreamFailure.ERROR || e.failure() == UpstreamFailure.TIMEOUT;
        }
        return !(t instanceof Mutations.UserErrorException);
    }

    /** Removes the newcomers again, then fails with {@code failure}. */
    private static CompletableFuture<Void> undo(
            SubjectKind<?> kind, String organizationId, List<String> added, List<String> roleIds, Throwable failure) {
        List<CompletableFuture<Throwable>> undo = added.stream()
                .map(id -> kind.remove(organizationId, id).handle((removed, removeFailure) -> {
                    LogtoException e = LogtoErrors.unwrap(removeFailure);
                    return e != null && e.status() == 404 ? null : removeFailure;
                }))
                .toList();
        return CompletableFuture.allOf(undo.toArray(CompletableFuture[]::new)).handle((undone, ignored) -> {
            logFailedUndo(kind, organizationId, added, roleIds, failure, undo);
            throw LogtoErrors.rethrow(failure);
        });
    }

    /** One ERROR line when removing the just-added subjects failed: they stay, without the roles. */
    private static void logFailedUndo(
            SubjectKind<?> kind,
            String organizationId,
            List<String> added,
            List<String> roleIds,
            Throwable failure,
            List<CompletableFuture<Throwable>> undo) {
        List<String> left = new ArrayList<>();
        Throwable firstUndoFailure = null;
        for (int i = 0; i < added.size(); i++) {
            Throwable removeFailure = undo.get(i).join();
            if (removeFailure != null) {
                left.add(added.get(i));
                firstUndoFailure = firstUndoFailure == null ? removeFailure : firstUndoFailure;
            }
        }
        if (left.isEmpty()) {
            return;
        }
        LOG.error(
                "Adding {} {} to organization {} with roles {} failed half-way ({}) and removing {} again failed"
                        + " ({}); they are left in the organization without these roles: remove them or give"
                        + " them the roles by hand",
                kind.noun(),
                added,
                organizationId,
                roleIds,
                LogtoErrors.describe(failure),
                left,
                LogtoErrors.describe(firstUndoFailure));
    }
}
