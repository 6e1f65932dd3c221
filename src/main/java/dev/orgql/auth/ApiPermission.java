package dev.orgql.auth;

/** Mirrors the SDL enum {@code ApiPermission}; the scope names come from {@link AuthConfig}. */
public enum ApiPermission {
    CREATE_ORGANIZATION,
    MANAGE_TEMPLATE,
    /** Lifts the rule that an admin may add only their own email domain to join rules (joinrule package). */
    MANAGE_JOIN_RULES;

    public String configKey() {
        return name().toLowerCase().replace('_', '-');
    }

    public String defaultScope() {
        return name().toLowerCase().replaceFirst("_", ":").replace('_', '-');
    }
}
