package dev.orgql.joinrule;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.joinrule.JoinRuleInputs.RemoveJoinEmailDomainInput;
import dev.orgql.joinrule.JoinRulePayloads.JoinRulesPayload;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.removeJoinEmailDomain}: every stored spelling of the domain goes, since Logto deletes
 * only an exact match (79). No syntax check: a malformed value stored outside the gateway can be removed.
 */
@Singleton
class RemoveJoinEmailDomainMutation implements GatewayFetcher<CompletableFuture<JoinRulesPayload>> {
    private static final String[] FIELD = {"input", "emailDomain"};
    private final LogtoClient logto;

    RemoveJoinEmailDomainMutation(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Mutation.removeJoinEmailDomain";
    }

    @Override
    public CompletableFuture<JoinRulesPayload> get(DataFetchingEnvironment env) {
        return Mutations.run(JoinRulesPayload::failed, () -> {
            RemoveJoinEmailDomainInput input = Inputs.read(env, RemoveJoinEmailDomainInput.class);
            String organizationId = input.organizationId();
            String domain = input.emailDomain();
            return logto.listJitEmailDomains(organizationId)
                    .thenCompose(stored -> {
                        List<String> all = stored.stream()
                                .map(LogtoModels.EmailDomain::emailDomain)
                                .toList();
                        List<String> matching =
                                all.stream().filter(domain::equalsIgnoreCase).toList();
                        if (matching.isEmpty()) {
                            return Mutations.<Void>refuse(UserError.of(
                                    UserErrorCode.NOT_FOUND,
                                    "`" + domain + "` is not an email domain of this organization.",
                                    FIELD));
                        }
                        if (matching.size() == 1) {
                            return logto.removeJitEmailDomain(organizationId, matching.get(0));
                        }
                        // Several spellings: one PUT of the rest, so no failure half-way leaves some behind.
                        return logto.replaceJitEmailDomains(
                                organizationId,
                                all.stream().filter(d -> !matching.contains(d)).toList());
                    })
                    .thenApply(done -> JoinRulesPayload.changed(organizationId));
        });
    }
}
