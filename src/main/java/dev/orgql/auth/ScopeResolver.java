package dev.orgql.auth;

import dev.orgql.auth.LiveScopeCache.MemberKey;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The organization scopes a caller holds inside one organization, under the configured policy. This is
 * the only place that decides it; the directive wiring and {@code viewerScopes} both ask here.
 */
@Singleton
public class ScopeResolver {
    private final AuthConfig config;

    ScopeResolver(AuthConfig config) {
        this.config = config;
    }

    /**
     * @param live how to look up live scopes: the request's DataLoader, so that one request asks Logto
     *             once per (organization, user)
     */
    public CompletableFuture<Set<String>> scopesIn(Caller caller, String organizationId,
                                                    Function<MemberKey, CompletableFuture<Set<String>>> live) {
        if (organizationId == null) {
            return CompletableFuture.completedFuture(Set.of());
        }
        // A token bound to one organization holds nothing anywhere else, under every policy, and no
        // lookup is made for the other organization.
        if (caller.isBoundToOrganization() && !caller.organizationId().equals(organizationId)) {
            return CompletableFuture.completedFuture(Set.of());
        }
        ScopePolicy policy = config.policy();
        return switch (caller.kind()) {
            // A machine's organization token carries its scopes; there is no live lookup for apps.
            case BOT_ORGANIZATION -> CompletableFuture.completedFuture(caller.scopes());
            // Gateway-API machine tokens carry no organization scopes at all.
            case MACHINE -> CompletableFuture.completedFuture(Set.of());
            case USER_ORGANIZATION -> policy == ScopePolicy.LIVE
                    ? live.apply(new MemberKey(organizationId, caller.subject()))
                    : CompletableFuture.completedFuture(caller.scopes());
            // Its scope claim holds API-resource scopes (possibly from tenant-wide roles): never
            // organization scopes. What it may do in its organization is looked up live.
            case USER_ORGANIZATION_API -> live.apply(new MemberKey(organizationId, caller.subject()));
            case USER -> policy == ScopePolicy.TOKEN
                    ? CompletableFuture.completedFuture(Set.of())
                    : live.apply(new MemberKey(organizationId, caller.subject()));
        };
    }
}
