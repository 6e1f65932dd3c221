package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.joinrule.JoinRuleInputs.AddJoinSsoConnectorInput;
import dev.orgql.joinrule.JoinRulePayloads.JoinRulesPayload;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.addJoinSsoConnector}: the tenant's connectors and the organization's are read in
 * parallel first, so an unknown connector is {@code NOT_FOUND} and a present one {@code CONFLICT} before
 * anything is written (Logto's own answer to an unknown one is a bare foreign-key 422, recording 89).
 */
@Singleton
class AddJoinSsoConnectorMutation implements GatewayFetcher<CompletableFuture<JoinRulesPayload>> {
    private static final String[] FIELD = {"input", "ssoConnectorId"};
    private final LogtoClient logto;

    AddJoinSsoConnectorMutation(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Mutation.addJoinSsoConnector";
    }

    @Override
    public CompletableFuture<JoinRulesPayload> get(DataFetchingEnvironment env) {
        return Mutations.run(JoinRulesPayload::failed, () -> {
            AddJoinSsoConnectorInput input = Inputs.read(env, AddJoinSsoConnectorInput.class);
            String organizationId = input.organizationId();
            String id = input.ssoConnectorId();
            CompletableFuture<List<LogtoModels.SsoConnector>> tenant = logto.listAllSsoConnectors();
            CompletableFuture<List<LogtoModels.SsoConnector>> current = logto.listJitSsoConnectors(organizationId);
            return tenant.thenCombine(current, (all, present) -> {
                        if (all.stream().noneMatch(c -> id.equals(c.id()))) {
                            throw new Mutations.UserErrorException(UserError.of(
                                    UserErrorCode.NOT_FOUND,
                                    "No SSO connector of the tenant has the id " + id + ".",
                                    FIELD));
                        }
                        if (present.stream().anyMatch(c -> id.equals(c.id()))) {
                            throw new Mutations.UserErrorException(UserError.of(
                                    UserErrorCode.CONFLICT,
                                    "The SSO connector " + id + " is already in this organization's join rules.",
                                    FIELD));
                        }
                        return id;
                    })
                    .thenCompose(checked -> logto.addJitSsoConnectors(organizationId, List.of(checked)))
                    .thenApply(done -> JoinRulesPayload.changed(organizationId));
        });
    }
}
