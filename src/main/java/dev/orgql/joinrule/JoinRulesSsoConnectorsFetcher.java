package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code JoinRules.ssoConnectors}. */
@Singleton
class JoinRulesSsoConnectorsFetcher implements GatewayFetcher<CompletableFuture<List<SsoConnectorView>>> {
    private final JoinRuleReads reads;

    JoinRulesSsoConnectorsFetcher(JoinRuleReads reads) {
        this.reads = reads;
    }

    @Override
    public String coordinates() {
        return "JoinRules.ssoConnectors";
    }

    @Override
    public CompletableFuture<List<SsoConnectorView>> get(DataFetchingEnvironment env) {
        JoinRulesView rules = env.getSource();
        return reads.ssoConnectors(RequestContext.of(env), rules.organizationId(), rules.snapshot());
    }
}
