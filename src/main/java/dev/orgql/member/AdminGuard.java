package dev.orgql.member;

import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.role.CreatorRole;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last-admin guard: a change that takes the creator role from a member (removing, demoting,
 * leaving) is refused when that member is the organization's only holder of it. The check is made
 * before the change and again after it; when the second check finds nobody holding the role (another
 * change raced with this one), this change is undone and reported as {@code LAST_ADMIN}.
 * The race that remains is described in the schema ({@code type Mutation}).
 *
 * <p>Admins are found by their embedded roles, not by trusting Logto's {@code organizationRoleId}
 * filter, which Logto 1.37.1 ignores (see {@link RoleFilteredMembers#anyHolder}): one call per check
 * on 1.42, and on 1.37.1 one per 100 members read until an admin is found.
 */
@Singleton
class AdminGuard {
    private static final Logger LOG = LoggerFactory.getLogger(AdminGuard.class);

    private final RoleFilteredMembers holders;
    private final CreatorRole creatorRole;

    AdminGuard(RoleFilteredMembers holders, CreatorRole creatorRole) {
        this.holders = holders;
        this.creatorRole = creatorRole;
    }

    CompletableFuture<String> creatorRoleId() {
        return creatorRole.id();
    }

    /**
     * @param losesCreatorRole whether the change takes the creator role from {@code userId}; if not, no check is made
     * @param change           the change itself
     * @param undo             puts back what the change took
     * @param done             the payload once the change stands
     */
    <P> CompletableFuture<P> guarded(
            String organizationId,
            String userId,
            String creatorRoleId,
            boolean losesCreatorRole,
            Supplier<CompletableFuture<Void>> change,
            Supplier<CompletableFuture<Void>> undo,
            Supplier<CompletableFuture<P>> done) {
        if (!losesCreatorRole) {
            return change.get().thenCompose(changed -> done.get());
        }
        return holders.anyHolder(organizationId, creatorRoleId, userId).thenCompose(anotherAdmin -> {
            if (!anotherAdmin) {
                return Mutations.<P>refuse(lastAdmin("is the organization's only member with the `" + creatorRole.name()
                        + "` role. Give another member that role first."));
            }
            return change.get()
                    .thenCompose(changed -> holders.anyHolder(organizationId, creatorRoleId, null))
                    .thenCompose(anyAdmin -> {
                        if (anyAdmin) {
                            return done.get();
                        }
                        LOG.warn(
                                "Organization {} lost its last `{}` member in a race; undoing the change for {}",
                                organizationId,
                                creatorRole.name(),
                                userId);
                        return undo.get()
                                .whenComplete((undone, undoFailure) -> {
                                    if (undoFailure != null) {
                                        LOG.error(
                                                "Organization {} is left without a `{}` member (role {}): undoing the"
                                                        + " change for member {} failed ({}); give a member that"
                                                        + " role by hand",
                                                organizationId,
                                                creatorRole.name(),
                                                creatorRoleId,
                                                userId,
                                                LogtoErrors.describe(undoFailure));
                                    }
                                })
                                .thenCompose(undone -> Mutations.<P>refuse(
                                        lastAdmin("was the last member with the `" + creatorRole.name()
                                                + "` role after a simultaneous change;" + " the change was undone.")));
                    });
        });
    }

    private static UserError lastAdmin(String what) {
        return UserError.of(UserErrorCode.LAST_ADMIN, "The member " + what, "input");
    }
}
