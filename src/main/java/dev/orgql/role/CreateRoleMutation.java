package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.IdempotentMutations;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoModels;
import dev.orgql.logto.UpstreamFailure;
import dev.orgql.role.TemplateInputs.CreateRoleInput;
import dev.orgql.role.TemplatePayloads.RolePayload;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Mutation.createRole}. The scope ids are checked against the template first. Logto 1.37.1
 * inserts the role before its scopes and does not roll back when a scope is missing (recordings 48/49:
 * 422 {@code entity.relation_foreign_key_not_found}, yet the role exists, without scopes); 1.42 runs both
 * in one transaction. So when Logto still refuses a scope (one deleted since the check), the role is
 * looked up by its name (unique in the tenant; the 422 names no id) and deleted again, and the refusal
 * is reported: nothing is left behind on either version.
 */
@Singleton
class CreateRoleMutation implements GatewayFetcher<CompletableFuture<RolePayload>> {
    private final IdempotentMutations idempotency;
    private static final Logger LOG = LoggerFactory.getLogger(CreateRoleMutation.class);

    private final LogtoClient logto;
    private final TemplateMutations template;

    CreateRoleMutation(LogtoClient logto, TemplateMutations template, IdempotentMutations idempotency) {
        this.idempotency = idempotency;
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Mutation.createRole";
    }

    @Override
    public CompletableFuture<RolePayload> get(DataFetchingEnvironment env) {
        return idempotency.once(
                env,
                RolePayload::failed,
                RolePayload::userErrors,
                () -> Mutations.run(
                        RolePayload::failed,
                        () -> {
                            CreateRoleInput input = Inputs.read(env, CreateRoleInput.class);
                            Map<String, Object> body = input.body();
                            List<String> scopeIds = input.scopeIds();
                            body.put("organizationScopeIds", scopeIds);
                            return template.requireScopes(scopeIds, "input", "scopeIds")
                                    .thenCompose(ok -> create(input.name(), body))
                                    .thenCompose(role -> template.readBack(role.id()))
                                    .thenApply(role -> new RolePayload(role, List.of()));
                        },
                        e -> e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)
                                ? UserError.of(
                                        UserErrorCode.NOT_FOUND,
                                        "A scope does not exist (it was deleted meanwhile): " + e.getMessage(),
                                        "input",
                                        "scopeIds")
                                : null));
    }

    private CompletableFuture<LogtoModels.Role> create(String name, Map<String, Object> body) {
        return logto.createOrganizationRole(body).exceptionallyCompose(error -> {
            LogtoException e = LogtoErrors.unwrap(error);
            if (e != null && (e.failure() == UpstreamFailure.ERROR || e.failure() == UpstreamFailure.TIMEOUT)) {
                return reportLost(name, body.get("organizationScopeIds"), error);
            }
            if (e == null || !e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)) {
                return CompletableFuture.failedFuture(error);
            }
            List<String> leftOverIds = new java.util.concurrent.CopyOnWriteArrayList<>();
            return logto.fresh()
                    .findOrganizationRolesByName(name)
                    .thenCompose(leftOver -> {
                        CompletableFuture<?>[] deletions = leftOver.stream()
                                .map(role -> {
                                    LOG.info(
                                            "Logto kept role {} ({}) although creating it failed; deleting it again",
                                            role.id(),
                                            name);
                                    leftOverIds.add(role.id());
                                    return logto.deleteOrganizationRole(role.id());
                                })
                                .toArray(CompletableFuture[]::new);
                        return CompletableFuture.allOf(deletions);
                    })
                    .handle((cleaned, cleanupError) -> {
                        template.changed();
                        if (cleanupError != null) {
                            // Reported as the field's error (not the userError): the role may still exist.
                            LOG.error(
                                    "Creating role `{}` failed half-way ({}) and the role (id {}) could not be"
                                            + " deleted again ({}); it may be left without its scopes: delete it by hand",
                                    name,
                                    LogtoErrors.describe(e),
                                    leftOverIds.isEmpty() ? "unknown: the lookup by name failed" : leftOverIds,
                                    LogtoErrors.describe(cleanupError));
                            throw LogtoErrors.rethrow(cleanupError);
                        }
                        throw LogtoErrors.rethrow(e);
                    });
        });
    }

    /**
     * Logto's answer to the create was lost (reset, 5xx, timeout): the role may exist all the same, on
     * 1.37.1 perhaps without its scopes. Roles carry no custom data to mark them with, and a role of
     * that name may be someone else's (Logto refuses a second one), so nothing is deleted here: when
     * a role of that name exists now, one ERROR line names it for an operator. The failure stands.
     */
    private CompletableFuture<LogtoModels.Role> reportLost(String name, Object scopeIds, Throwable error) {
        return logto.fresh().findOrganizationRolesByName(name).handle((found, lookupError) -> {
            template.changed();
            if (lookupError != null || !found.isEmpty()) {
                LOG.error(
                        "Creating role `{}`: Logto's answer was lost ({}) and a role of that name {}; if this"
                                + " call made it, it may lack its scopes {}: check it, or delete it by hand",
                        name,
                        LogtoErrors.describe(error),
                        lookupError != null
                                ? "may exist (the lookup failed: " + LogtoErrors.describe(lookupError) + ")"
                                : "exists now (id "
                                        + found.stream()
                                                .map(LogtoModels.Role::id)
                                                .toList() + ")",
                        scopeIds);
            }
            throw LogtoErrors.rethrow(error);
        });
    }
}
