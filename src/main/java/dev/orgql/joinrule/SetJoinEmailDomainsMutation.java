package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.joinrule.JoinRuleInputs.SetJoinEmailDomainsInput;
import dev.orgql.joinrule.JoinRulePayloads.JoinRulesPayload;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code Mutation.setJoinEmailDomains}: one PUT of the lower-cased set. Domains already stored (in any
 * case) are kept without the public-provider and own-domain checks, so an admin can keep a domain an
 * operator added; every other domain is checked as by addJoinEmailDomain, all before the PUT.
 */
@Singleton
class SetJoinEmailDomainsMutation implements GatewayFetcher<CompletableFuture<JoinRulesPayload>> {
    private final LogtoClient logto;
    private final DomainRules rules;

    SetJoinEmailDomainsMutation(LogtoClient logto, DomainRules rules) {
        this.logto = logto;
        this.rules = rules;
    }

    @Override
    public String coordinates() {
        return "Mutation.setJoinEmailDomains";
    }

    @Override
    public CompletableFuture<JoinRulesPayload> get(DataFetchingEnvironment env) {
        return Mutations.run(JoinRulesPayload::failed, () -> {
            SetJoinEmailDomainsInput input = Inputs.read(env, SetJoinEmailDomainsInput.class);
            String organizationId = input.organizationId();
            List<String> raw = input.emailDomains();
            List<String> domains = rules.normalizeAll(raw, "input", "emailDomains");
            return logto.listJitEmailDomains(organizationId)
                    .thenCompose(stored -> {
                        Set<String> kept = stored.stream()
                                .map(d -> d.emailDomain().toLowerCase(Locale.ROOT))
                                .collect(Collectors.toSet());
                        List<Integer> fresh = new java.util.ArrayList<>();
                        for (int i = 0; i < raw.size(); i++) {
                            String domain = raw.get(i).toLowerCase(Locale.ROOT);
                            if (!kept.contains(domain)) {
                                rules.requireNotPublic(domain, "input", "emailDomains", String.valueOf(i));
                                fresh.add(i);
                            }
                        }
                        if (fresh.isEmpty()) {
                            return CompletableFuture.<Void>completedFuture(null);
                        }
                        return rules.ownDomain(env)
                                .thenAccept(own -> fresh.forEach(i -> own.require(
                                        raw.get(i).toLowerCase(Locale.ROOT),
                                        "input",
                                        "emailDomains",
                                        String.valueOf(i))));
                    })
                    .thenCompose(checked -> logto.replaceJitEmailDomains(organizationId, domains))
                    .thenApply(done -> JoinRulesPayload.changed(organizationId));
        });
    }
}
