package dev.orgql.joinrule;

import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The three join-rule lists, each read at most once per request and organization (and snapshot, see
 * {@link JoinRulesView}), whether the organization's prefetch or the field asks first.
 */
@Singleton
class JoinRuleReads {
    private final LogtoClient logto;

    JoinRuleReads(LogtoClient logto) {
        this.logto = logto;
    }

    /** As Logto stores them (domains added outside the gateway may hold capitals), sorted. */
    CompletableFuture<List<String>> emailDomains(RequestContext context, String organizationId, String snapshot) {
        return context.<List<LogtoModels.EmailDomain>>read(
                        List.of("jit-email-domains", organizationId, snapshot),
                        () -> logto.listJitEmailDomains(organizationId))
                .thenApply(domains -> domains.stream()
                        .map(LogtoModels.EmailDomain::emailDomain)
                        .distinct()
                        .sorted()
                        .toList());
    }

    CompletableFuture<List<LogtoModels.Role>> defaultRoles(
            RequestContext context, String organizationId, String snapshot) {
        return context.read(List.of("jit-roles", organizationId, snapshot), () -> logto.listJitRoles(organizationId));
    }

    CompletableFuture<List<SsoConnectorView>> ssoConnectors(
            RequestContext context, String organizationId, String snapshot) {
        return context.<List<LogtoModels.SsoConnector>>read(
                        List.of("jit-sso-connectors", organizationId, snapshot),
                        () -> logto.listJitSsoConnectors(organizationId))
                .thenApply(connectors -> connectors.stream()
                        .map(SsoConnectorView::of)
                        .sorted(Comparator.comparing(SsoConnectorView::name, Comparator.nullsLast(String::compareTo)))
                        .toList());
    }
}
