package dev.orgql.graphql;

import dev.orgql.access.RequestedOrganizationScopes;
import dev.orgql.auth.Caller;
import dev.orgql.auth.LiveScopeCache;
import dev.orgql.auth.LiveScopeCache.MemberKey;
import dev.orgql.auth.TokenFreshness;
import graphql.ExecutionResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adds {@code extensions.tokenFreshness} when the caller's live scopes in its token's organization
 * are already at hand (looked up by this request or cached from a recent one). Never calls Logto
 * for it: the field {@code Organization.viewerTokenFreshness} is the way to ask.
 */
@Singleton
class TokenFreshnessExtension {
    private final LiveScopeCache liveScopes;
    private final RequestedOrganizationScopes requestedScopes;

    TokenFreshnessExtension(LiveScopeCache liveScopes, RequestedOrganizationScopes requestedScopes) {
        this.liveScopes = liveScopes;
        this.requestedScopes = requestedScopes;
    }

    ExecutionResult addTo(ExecutionResult result, Caller caller) {
        if (caller == null || !TokenFreshness.applies(caller, caller.organizationId())) {
            return result;
        }
        Set<String> live = liveScopes.peek(new MemberKey(caller.organizationId(), caller.subject()));
        if (live == null) {
            return result;
        }
        TokenFreshness freshness =
                TokenFreshness.compare(caller.organizationId(), caller.scopes(), live, requestedScopes.scopes());
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("organizationId", freshness.organizationId());
        extension.put("status", freshness.status());
        extension.put("lostScopes", freshness.lostScopes());
        extension.put("gainedScopes", freshness.gainedScopes());
        return result.transform(builder -> builder.addExtension("tokenFreshness", extension));
    }
}
