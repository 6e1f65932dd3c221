package dev.orgql.auth;

/** The kinds of token the gateway accepts; see the README's table of what each may do. */
public enum TokenKind {
    /** A user's token for the gateway's API resource, bound to no organization. */
    USER,
    /** A user's organization token ({@code aud = urn:logto:organization:X}). */
    USER_ORGANIZATION,
    /** A user's organization-level API resource token ({@code aud} = the gateway's API plus {@code organization_id}). */
    USER_ORGANIZATION_API,
    /** A machine-to-machine application's organization token. */
    BOT_ORGANIZATION,
    /** A machine-to-machine token for the gateway's API, possibly with {@code organization_id}. */
    MACHINE
}
