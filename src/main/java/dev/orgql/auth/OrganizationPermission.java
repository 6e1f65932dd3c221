package dev.orgql.auth;

/** Mirrors the SDL enum {@code OrganizationPermission}; the scope names come from {@link AuthConfig}. */
public enum OrganizationPermission {
    READ_DATA,
    WRITE_DATA,
    DELETE_DATA,
    INVITE_MEMBER,
    MANAGE_MEMBER,
    DELETE_MEMBER,
    MANAGE_ORGANIZATION,
    DELETE_ORGANIZATION;

    /** The configuration key: {@code READ_DATA} is {@code orgql.permissions.read-data}. */
    public String configKey() {
        return name().toLowerCase().replace('_', '-');
    }

    /** The default template's scope name: {@code READ_DATA} is {@code read:data}. */
    public String defaultScope() {
        return name().toLowerCase().replaceFirst("_", ":").replace('_', '-');
    }
}
