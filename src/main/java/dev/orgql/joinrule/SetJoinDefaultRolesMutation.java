package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.joinrule.JoinRuleInputs.SetJoinDefaultRolesInput;
import dev.orgql.joinrule.JoinRulePayloads.JoinRulesPayload;
import dev.orgql.logto.LogtoClient;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.setJoinDefaultRoles}: one PUT, after the template check. Logto accepts a
 * machine-to-machine role here (recording 82) and would then fail to give it to a joining user.
 */
@Singleton
class SetJoinDefaultRolesMutation implements GatewayFetcher<CompletableFuture<JoinRulesPayload>> {
    private final LogtoClient logto;
    private final RoleCheck roles;

    SetJoinDefaultRolesMutation(LogtoClient logto, RoleCheck roles) {
        this.logto = logto;
        this.roles = roles;
    }

    @Override
    public String coordinates() {
        return "Mutation.setJoinDefaultRoles";
    }

    @Override
    public CompletableFuture<JoinRulesPayload> get(DataFetchingEnvironment env) {
        return Mutations.run(JoinRulesPayload::failed, () -> {
            SetJoinDefaultRolesInput input = Inputs.read(env, SetJoinDefaultRolesInput.class);
            return roles.require(input.roleIds(), RoleCheck.USER, "input", "roleIds")
                    .thenCompose(checked -> logto.replaceJitRoles(input.organizationId(), input.roleIds()))
                    .thenApply(done -> JoinRulesPayload.changed(input.organizationId()));
        });
    }
}
