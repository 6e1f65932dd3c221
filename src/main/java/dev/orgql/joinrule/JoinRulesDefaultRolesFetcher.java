package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.RoleResolver;
import dev.orgql.role.RoleView;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code JoinRules.defaultRoles}: Logto lists them without scopes, the cached template adds them. */
@Singleton
class JoinRulesDefaultRolesFetcher implements GatewayFetcher<CompletableFuture<List<RoleView>>> {
    private final JoinRuleReads reads;
    private final RoleResolver roles;

    JoinRulesDefaultRolesFetcher(JoinRuleReads reads, RoleResolver roles) {
        this.reads = reads;
        this.roles = roles;
    }

    @Override
    public String coordinates() {
        return "JoinRules.defaultRoles";
    }

    @Override
    public CompletableFuture<List<RoleView>> get(DataFetchingEnvironment env) {
        JoinRulesView rules = env.getSource();
        return reads.defaultRoles(RequestContext.of(env), rules.organizationId(), rules.snapshot())
                .thenCompose(found -> roles.resolve(
                        RequestContext.of(env),
                        found.stream()
                                .map(role -> new LogtoModels.IdAndName(role.id(), role.name()))
                                .toList(),
                        "USER"));
    }
}
