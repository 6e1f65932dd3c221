package dev.orgql.logto;

/**
 * The codes of Logto's error bodies ({@code {"code": "entity.not_found", ...}}) that the gateway acts on,
 * so that Logto's spelling lives in this package only. See /work/shared/logto for the recordings.
 */
public enum LogtoError {
    /** 404: no entity has the id in the path (recorded: 24-get-organization-not-found). */
    ENTITY_NOT_EXISTS_WITH_ID("entity.not_exists_with_id"),
    /** 422: a unique key exists already (a duplicate name, a pending invitation for the same address). */
    UNIQUE_INTEGRITY_VIOLATION("entity.unique_integrity_violation"),
    /** 422: an id in the body names nothing (an unknown role, scope, user or organization). */
    FOREIGN_KEY_NOT_FOUND("entity.relation_foreign_key_not_found"),
    /** 422: a database check refused the row (a role of the wrong type, an application that is not M2M). */
    DB_CONSTRAINT_VIOLATED("entity.db_constraint_violated"),
    /** 422: a value is longer than its column. */
    VALUE_TOO_LONG("entity.value_too_long"),
    /** 422: the user is not a member of the organization. */
    REQUIRE_MEMBERSHIP("organization.require_membership"),
    /** 400 or 422: the request's body failed one of Logto's own checks. */
    REQUEST_INVALID_INPUT("request.invalid_input"),
    /** 400: the body does not match the route's schema. */
    GUARD_INVALID_INPUT("guard.invalid_input"),
    /** 403: the tenant's plan does not allow this. */
    SUBSCRIPTION_LIMIT_EXCEEDED("subscription.limit_exceeded"),
    /** Any other code, or none. */
    OTHER(null);

    private final String code;

    LogtoError(String code) {
        this.code = code;
    }

    /** Logto's spelling, null for {@link #OTHER}. */
    public String code() {
        return code;
    }

    static LogtoError of(String code) {
        if (code != null) {
            for (LogtoError error : values()) {
                if (code.equals(error.code)) {
                    return error;
                }
            }
        }
        return OTHER;
    }
}
