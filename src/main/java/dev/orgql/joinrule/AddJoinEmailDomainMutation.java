package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.joinrule.JoinRuleInputs.AddJoinEmailDomainInput;
import dev.orgql.joinrule.JoinRulePayloads.JoinRulesPayload;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.addJoinEmailDomain}: the domain rules, then a case-insensitive duplicate check against
 * what Logto stores (Logto itself treats {@code Acme.com} and {@code acme.com} as two domains, 74).
 */
@Singleton
class AddJoinEmailDomainMutation implements GatewayFetcher<CompletableFuture<JoinRulesPayload>> {
    private static final String[] FIELD = {"input", "emailDomain"};
    private final LogtoClient logto;
    private final DomainRules rules;

    AddJoinEmailDomainMutation(LogtoClient logto, DomainRules rules) {
        this.logto = logto;
        this.rules = rules;
    }

    @Override
    public String coordinates() {
        return "Mutation.addJoinEmailDomain";
    }

    @Override
    public CompletableFuture<JoinRulesPayload> get(DataFetchingEnvironment env) {
        return Mutations.run(JoinRulesPayload::failed, () -> {
            AddJoinEmailDomainInput input = Inputs.read(env, AddJoinEmailDomainInput.class);
            String organizationId = input.organizationId();
            String domain = DomainRules.normalize(input.emailDomain(), FIELD);
            rules.requireNotPublic(domain, FIELD);
            return rules.ownDomain(env)
                    .thenCompose(own -> {
                        own.require(domain, FIELD);
                        return logto.listJitEmailDomains(organizationId);
                    })
                    .thenCompose(stored -> {
                        if (stored.stream().anyMatch(d -> domain.equalsIgnoreCase(d.emailDomain()))) {
                            return Mutations.<Void>refuse(UserError.of(
                                    UserErrorCode.CONFLICT,
                                    "`" + domain + "` is already an email domain of this organization.",
                                    FIELD));
                        }
                        return logto.addJitEmailDomain(organizationId, domain);
                    })
                    .thenApply(done -> JoinRulesPayload.changed(organizationId));
        });
    }
}
