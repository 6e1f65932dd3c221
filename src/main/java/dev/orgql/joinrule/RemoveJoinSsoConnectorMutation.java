package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.joinrule.JoinRuleInputs.RemoveJoinSsoConnectorInput;
import dev.orgql.joinrule.JoinRulePayloads.JoinRulesPayload;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.removeJoinSsoConnector}: one DELETE; Logto's 404 is {@code NOT_FOUND}. */
@Singleton
class RemoveJoinSsoConnectorMutation implements GatewayFetcher<CompletableFuture<JoinRulesPayload>> {
    private final LogtoClient logto;

    RemoveJoinSsoConnectorMutation(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Mutation.removeJoinSsoConnector";
    }

    @Override
    public CompletableFuture<JoinRulesPayload> get(DataFetchingEnvironment env) {
        return Mutations.run(
                JoinRulesPayload::failed,
                () -> {
                    RemoveJoinSsoConnectorInput input = Inputs.read(env, RemoveJoinSsoConnectorInput.class);
                    return logto.removeJitSsoConnector(input.organizationId(), input.ssoConnectorId())
                            .thenApply(done -> JoinRulesPayload.changed(input.organizationId()));
                },
                e -> e.status() == 404
                        ? UserError.of(
                                UserErrorCode.NOT_FOUND,
                                "The SSO connector is not in this organization's join rules.",
                                "input",
                                "ssoConnectorId")
                        : null);
    }
}
