package dev.orgql.bot;

import dev.orgql.graphql.Mutations.UserErrorException;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoModels;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Shared by the bot mutations: the machine-to-machine check of applications (one batched lookup,
 * before Logto is asked to add them), and reading bots back for the payloads.
 */
@Singleton
class BotSupport {

    private final LogtoClient logto;

    BotSupport(LogtoClient logto) {
        this.logto = logto;
    }

    /** Fails with NOT_FOUND for an unknown application, NOT_MACHINE_TO_MACHINE for another kind. */
    CompletableFuture<Void> requireMachineToMachine(List<String> applicationIds) {
        return logto.getApplicationsByIds(applicationIds).thenAccept(apps -> {
            Map<String, LogtoModels.Application> byId = apps.stream()
                    .collect(Collectors.toMap(LogtoModels.Application::id, Function.identity(), (a, b) -> a));
            for (String id : applicationIds) {
                LogtoModels.Application app = byId.get(id);
                if (app == null) {
                    throw new UserErrorException(UserError.of(UserErrorCode.NOT_FOUND, "No application has the id " + id + ".",
                            "input", "applicationIds"));
                }
                if (!app.isMachineToMachine()) {
                    throw new UserErrorException(notMachineToMachine("`" + app.name() + "` is a " + app.type() + " application."));
                }
            }
        });
    }

    static UserError notMachineToMachine(String detail) {
        return UserError.of(UserErrorCode.NOT_MACHINE_TO_MACHINE,
                detail + " Only machine-to-machine applications can be added to an organization.", "input", "applicationIds");
    }

    /** Turns a Logto 422 {@code code} of one step into the given user error. */
    static <T> CompletableFuture<T> onLogto(CompletableFuture<T> step, LogtoError logtoCode, UserError userError) {
        return step.exceptionally(error -> {
            LogtoException e = LogtoErrors.unwrap(error);
            if (e != null && e.is(logtoCode)) {
                throw new UserErrorException(userError);
            }
            throw error instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(error);
        });
    }

    static boolean selected(DataFetchingEnvironment env, String field) {
        return env.getSelectionSet().contains(field);
    }

    CompletableFuture<List<BotNode>> read(String organizationId, List<String> applicationIds) {
        CompletableFuture<Map<String, LogtoModels.Application>> apps = logto.getApplicationsByIds(applicationIds)
                .thenApply(list -> list.stream().collect(Collectors.toMap(LogtoModels.Application::id, Function.identity(), (a, b) -> a)));
        List<CompletableFuture<List<LogtoModels.Ref>>> roles = applicationIds.stream()
                .map(id -> logto.listOrganizationApplicationRoles(organizationId, id)
                        .thenApply(list -> list.stream().map(r -> new LogtoModels.Ref(r.id(), r.name())).toList()))
                .toList();
        return CompletableFuture.allOf(roles.toArray(CompletableFuture[]::new)).thenCombine(apps, (all, byId) -> {
            List<BotNode> bots = new ArrayList<>();
            for (int i = 0; i < applicationIds.size(); i++) {
                LogtoModels.Application app = byId.get(applicationIds.get(i));
                if (app != null) {
                    bots.add(new BotNode(app.id(), organizationId, app.name(), app.description(), roles.get(i).join(), app.createdAt()));
                }
            }
            return bots;
        });
    }
}
