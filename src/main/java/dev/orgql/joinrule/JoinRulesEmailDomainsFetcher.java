package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code JoinRules.emailDomains}. */
@Singleton
class JoinRulesEmailDomainsFetcher implements GatewayFetcher<CompletableFuture<List<String>>> {
    private final JoinRuleReads reads;

    JoinRulesEmailDomainsFetcher(JoinRuleReads reads) {
        this.reads = reads;
    }

    @Override
    public String coordinates() {
        return "JoinRules.emailDomains";
    }

    @Override
    public CompletableFuture<List<String>> get(DataFetchingEnvironment env) {
        JoinRulesView rules = env.getSource();
        return reads.emailDomains(RequestContext.of(env), rules.organizationId(), rules.snapshot());
    }
}
