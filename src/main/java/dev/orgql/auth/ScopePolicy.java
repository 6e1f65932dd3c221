package dev.orgql.auth;

/** Where a caller's organization scopes come from (setting {@code orgql.scope-policy}). */
public enum ScopePolicy {
    /** Token claims only: an unbound user token holds no organization scopes. */
    TOKEN,
    /** Always looked up live, so a demoted admin loses access at once. */
    LIVE,
    /** A bound token's claims in its organization; live lookups for unbound user tokens. */
    TOKEN_THEN_LIVE;

    public static ScopePolicy parse(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase().replace('-', '_');
        for (ScopePolicy policy : values()) {
            if (policy.name().equals(normalized)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("ORGQL_SCOPE_POLICY (orgql.scope-policy) must be token, live or token-then-live, not '" + value + "'");
    }
}
