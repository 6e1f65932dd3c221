package dev.orgql.access;

import java.util.Map;

/** The outcome of {@link AccessDecider#decide}: allowed, denied, or what to look up before deciding. */
public sealed interface AccessDecision {

    /** The field may run. */
    record Allowed() implements AccessDecision {}

    /** Look up the resource (and run the rule's policy on it), then decide again. */
    record LoadResource(String kind, String id) implements AccessDecision {}

    /** Look up the caller's organization scopes in this organization, then decide again. */
    record LoadScopes(String organizationId) implements AccessDecision {}

    /**
     * The field is refused. Every message and extension is built from the caller's own input, its
     * token and the rule: never from whether an organization or invitation exists.
     *
     * @param extensions added to the error's {@code extensions} besides {@code code}, or null
     */
    record Denied(Refusal code, String message, Map<String, Object> extensions) implements AccessDecision {}

    /** Mirrors the error codes a refusal carries ({@code extensions.code}). */
    enum Refusal {
        UNAUTHENTICATED,
        FORBIDDEN,
        BAD_USER_INPUT
    }

    AccessDecision ALLOWED = new Allowed();
}
