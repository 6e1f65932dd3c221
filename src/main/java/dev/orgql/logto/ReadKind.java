package dev.orgql.logto;

/**
 * The kinds of Management API reads the gateway may keep for a short while across requests, each with
 * its own TTL {@code orgql.read-cache.<setting>.ttl}. {@link #TEMPLATE} and {@link #LIVE_SCOPES} are kept
 * by role.TemplateCache and auth.LiveScopeCache (with the TTL from here); the others by {@link ReadCaches}.
 */
public enum ReadKind {
    ORGANIZATIONS("organizations"),
    /** Pages of an organization's members, with search and role filters. */
    MEMBERS("members"),
    /** Pages of an organization's applications (bots). */
    BOTS("bots"),
    INVITATIONS("invitations"),
    USERS("users"),
    TEMPLATE("template"),
    LIVE_SCOPES("live-scopes");

    private final String setting;

    ReadKind(String setting) {
        this.setting = setting;
    }

    /** The name in {@code orgql.read-cache.<setting>.ttl} and in the caches' metrics. */
    public String setting() {
        return setting;
    }
}
