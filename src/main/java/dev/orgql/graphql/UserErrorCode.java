package dev.orgql.graphql;

/** Mirrors the SDL enum {@code UserErrorCode}: the codes of a mutation's {@code userErrors}, one set for the whole API. */
public enum UserErrorCode {
    BAD_USER_INPUT,
    NOT_FOUND,
    CONFLICT,
    NOT_A_MEMBER,
    ROLE_TYPE_MISMATCH,
    NOT_MACHINE_TO_MACHINE,
    LAST_ADMIN,
    CONFIRMATION_MISMATCH,
    INVALID_EMAIL,
    ALREADY_A_MEMBER,
    INVITATION_ALREADY_PENDING,
    INVITATION_NOT_PENDING,
    EMAIL_MISMATCH,
    UPSTREAM_ERROR,
    INVALID_EMAIL_DOMAIN,
    PUBLIC_EMAIL_DOMAIN,
    FOREIGN_EMAIL_DOMAIN
}
