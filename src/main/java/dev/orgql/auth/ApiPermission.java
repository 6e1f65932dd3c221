package dev.orgql.auth;

/** Mirrors the SDL enum {@code ApiPermission}; the scope names come from {@link AuthConfig}. */
public enum ApiPermission {
    CREATE_ORGANIZATION,
    MANAGE_TEMPLATE;

    public String configKey() {
        return name().toLowerCase().replace('_', '-');
    }

    public String defaultScope() {
        return name().toLowerCase().replaceFirst("_", ":");
    }
}
