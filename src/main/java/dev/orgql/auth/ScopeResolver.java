package dev.orgql.auth;

import dev.orgql.auth.LiveScopeCache.MemberKey;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Where the organization scopes a caller holds inside one organization come from, under the configured
 * policy: the token itself, or a live lookup. This is the only place that decides it; the access check
 * and {@code viewerScopes} both ask here, and make the live lookup (if any) through the request's loader.
 */
@Singleton
public class ScopeResolver {
    private final AuthConfig config;

    ScopeResolver(AuthConfig config) {
        this.config = config;
    }

    /** The scopes as known without any call, or the live lookup that tells them. */
    public sealed interface HeldScopes {
        /** Known from the token (or known to be none). */
        record Known(Set<String> scopes) implements HeldScopes {}

        /** To be looked up live for this user in this organization. */
        record Live(MemberKey key) implements HeldScopes {}
    }

    private static final HeldScopes NONE = new HeldScopes.Known(Set.of());

    public HeldScopes scopesIn(Caller caller, String organizationId) {
        if (organizationId == null) {
            return NONE;
        }
        // A token bound to one organization holds nothing anywhere else, under every policy, and no
        // lookup is made for the other organization.
        if (caller.isBoundToOrganization() && !caller.organizationId().equals(organizationId)) {
            return NONE;
        }
        ScopePolicy policy = config.policy();
        HeldScopes live = new HeldScopes.Live(new MemberKey(organizationId, caller.subject()));
        return switch (caller.kind()) {
            // A machine's organization token carries its scopes; there is no live lookup for apps.
            case BOT_ORGANIZATION -> new HeldScopes.Known(caller.scopes());
            // Gateway-API machine tokens carry no organization scopes at all.
            case MACHINE -> NONE;
            case USER_ORGANIZATION -> policy == ScopePolicy.LIVE ? live : new HeldScopes.Known(caller.scopes());
            // Its scope claim holds API-resource scopes (possibly from tenant-wide roles): never
            // organization scopes. What it may do in its organization is looked up live.
            case USER_ORGANIZATION_API -> live;
            case USER -> policy == ScopePolicy.TOKEN ? NONE : live;
        };
    }
}
