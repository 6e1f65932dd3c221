package dev.orgql.auth;

/**
 * Where a caller's organization scopes come from (setting {@code orgql.scope-policy}). Under every
 * policy, a live lookup that decides a mutation is read from Logto for that request, never from the
 * cross-request cache; reads may be decided on a lookup up to {@code orgql.live-scopes-ttl} old. See
 * the README for what each guarantees.
 */
public enum ScopePolicy {
    /**
     * Token claims only: an unbound user token holds no organization scopes. (An organization-level
     * API token carries no organization scopes to read, so it is still looked up live.)
     */
    TOKEN,
    /** Every user token is looked up live: a demoted admin can change nothing from the next request on. */
    LIVE,
    /**
     * An organization token's claims in its organization, for as long as the token lives; live lookups,
     * as under {@link #LIVE}, for unbound user tokens and organization-level API tokens.
     */
    TOKEN_THEN_LIVE;

    public static ScopePolicy parse(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase().replace('-', '_');
        for (ScopePolicy policy : values()) {
            if (policy.name().equals(normalized)) {
                return policy;
            }
        }
        throw new IllegalArgumentException(
                "ORGQL_SCOPE_POLICY (orgql.scope-policy) must be token, live or token-then-live, not '" + value + "'");
    }
}
