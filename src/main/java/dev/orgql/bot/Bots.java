package dev.orgql.bot;

import dev.orgql.graphql.Mutations.UserErrorException;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.RoleCheck;
import dev.orgql.subject.SubjectKind;
import dev.orgql.subject.SubjectReads;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machine-to-machine applications as subjects of an organization: Logto's organization-application
 * routes, the machine-to-machine check (one batched lookup, before Logto is asked to add them), and
 * bots read back for the payloads.
 */
@Singleton
class Bots implements SubjectKind<BotView> {
    private static final Logger LOG = LoggerFactory.getLogger(Bots.class);

    private final LogtoClient logto;

    Bots(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String roleType() {
        return RoleCheck.MACHINE_TO_MACHINE;
    }

    @Override
    public String idsField() {
        return "applicationIds";
    }

    @Override
    public String noun() {
        return "application ids";
    }

    /** Fails with NOT_FOUND for an unknown application, NOT_MACHINE_TO_MACHINE for another kind. */
    @Override
    public CompletableFuture<Void> checkAddable(List<String> applicationIds) {
        return logto.getApplicationsByIds(applicationIds).thenAccept(apps -> {
            Map<String, LogtoModels.Application> byId = apps.stream()
                    .collect(Collectors.toMap(LogtoModels.Application::id, Function.identity(), (a, b) -> a));
            for (String id : applicationIds) {
                LogtoModels.Application app = byId.get(id);
                if (app == null) {
                    throw new UserErrorException(UserError.of(
                            UserErrorCode.NOT_FOUND,
                            "No application has the id " + id + ".",
                            "input",
                            "applicationIds"));
                }
                if (!app.isMachineToMachine()) {
                    throw new UserErrorException(
                            notMachineToMachine("`" + app.name() + "` is a " + app.type() + " application."));
                }
            }
        });
    }

    static UserError notMachineToMachine(String detail) {
        return UserError.of(
                UserErrorCode.NOT_MACHINE_TO_MACHINE,
                detail + " Only machine-to-machine applications can be added to an organization.",
                "input",
                "applicationIds");
    }

    @Override
    public CompletableFuture<Void> add(String organizationId, List<String> ids) {
        return onLogto(
                logto.addOrganizationApplications(organizationId, ids),
                LogtoError.DB_CONSTRAINT_VIOLATED,
                notMachineToMachine("An application is not machine-to-machine."));
    }

    /** Turns a Logto 422 {@code code} of one step into the given user error. */
    private static <T> CompletableFuture<T> onLogto(
            CompletableFuture<T> step, LogtoError logtoCode, UserError userError) {
        return step.exceptionally(error -> {
            LogtoException e = LogtoErrors.unwrap(error);
            if (e != null && e.is(logtoCode)) {
                throw new UserErrorException(userError);
            }
            throw LogtoErrors.rethrow(error);
        });
    }

    @Override
    public CompletableFuture<List<String>> outside(String organizationId, List<String> ids) {
        return logto.getApplicationsOutsideOrganization(organizationId, ids)
                .thenApply(
                        apps -> apps.stream().map(LogtoModels.Application::id).toList());
    }

    @Override
    public CompletableFuture<Void> assignRoles(String organizationId, List<String> ids, List<String> roleIds) {
        return logto.assignOrganizationApplicationsRoles(organizationId, ids, roleIds);
    }

    @Override
    public CompletableFuture<Void> remove(String organizationId, String id) {
        return logto.removeOrganizationApplication(organizationId, id);
    }

    /** A PUT of the bot's roles; Logto refuses an empty list on this route, so clearing removes them one by one. */
    @Override
    public CompletableFuture<Void> replaceRoles(String organizationId, String applicationId, List<String> roleIds) {
        return roleIds.isEmpty()
                ? clear(organizationId, applicationId)
                : logto.replaceOrganizationApplicationRoles(organizationId, applicationId, roleIds);
    }

    /**
     * Logto's PUT takes no empty list for bots, so the roles are removed one by one; if any removal
     * fails, the ones already removed are given back, so the bot keeps the roles it had.
     */
    private CompletableFuture<Void> clear(String organizationId, String applicationId) {
        return logto.listOrganizationApplicationRoles(organizationId, applicationId)
                .thenCompose(current -> {
                    List<String> ids =
                            current.stream().map(LogtoModels.Role::id).toList();
                    List<CompletableFuture<String>> removals = ids.stream()
                            .map(roleId -> logto.removeOrganizationApplicationRole(
                                            organizationId, applicationId, roleId)
                                    .thenApply(done -> roleId))
                            .toList();
                    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                            .handle((done, failure) -> failure)
                            .thenCompose(failure -> {
                                if (failure == null) {
                                    return CompletableFuture.<Void>completedFuture(null);
                                }
                                List<String> removed = removals.stream()
                                        .filter(r -> !r.isCompletedExceptionally())
                                        .map(CompletableFuture::join)
                                        .toList();
                                CompletableFuture<Void> restore = removed.isEmpty()
                                        ? CompletableFuture.completedFuture(null)
                                        : logto.assignOrganizationApplicationsRoles(
                                                organizationId, List.of(applicationId), removed);
                                return restore.handle((restored, restoreFailure) -> {
                                    if (restoreFailure != null) {
                                        LOG.error(
                                                "Clearing the roles of bot {} in organization {} failed half-way ({})"
                                                        + " and giving back roles {} failed ({}); the bot is left"
                                                        + " without them: assign them again by hand",
                                                applicationId,
                                                organizationId,
                                                LogtoErrors.describe(failure),
                                                removed,
                                                LogtoErrors.describe(restoreFailure));
                                    }
                                    throw LogtoErrors.rethrow(failure);
                                });
                            });
                });
    }

    @Override
    public UserError assignRefusal(LogtoException e) {
        return e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                ? UserError.of(
                        UserErrorCode.NOT_A_MEMBER,
                        "An application is not a bot of this organization: " + e.getMessage(),
                        "input",
                        "applicationIds")
                : null;
    }

    @Override
    public CompletableFuture<List<BotView>> read(String organizationId, List<String> ids) {
        return SubjectReads.read(
                ids,
                logto::getApplicationsByIds,
                LogtoModels.Application::id,
                id -> logto.listOrganizationApplicationRoles(organizationId, id),
                (app, roles) ->
                        new BotView(app.id(), organizationId, app.name(), app.description(), roles, app.createdAt()));
    }
}
