package dev.orgql.logto;

import java.util.Set;

/**
 * Something changed in Logto that cached reads may not show yet: published (as a Micronaut application
 * event) by the webhook receiver, and heard by every cache that holds such data. The gateway's own writes
 * invalidate their caches directly. What each Logto event can and cannot say is in
 * ../shared/logto/recorded/webhooks/README.md: changes to member or bot roles, invitations and join rules
 * fire no event at all, so TTLs still bound those.
 */
public sealed interface LogtoChange {
    /** An organization role or scope was created, updated or deleted, or a role's scopes changed. */
    record TemplateChanged(String event) implements LogtoChange {}

    /** An organization's own data changed (name, description, customData, branding, MFA). */
    record OrganizationChanged(String organizationId) implements LogtoChange {}

    /** An organization is gone, with everything in it (Logto sends nothing for the cascade). */
    record OrganizationDeleted(String organizationId) implements LogtoChange {}

    /**
     * Members or bots joined or left an organization. The ids are those Logto named (v1.42.0's deltas, or a
     * DELETE's path parameter); empty sets mean "someone, not said who" (v1.37.1 adding members).
     */
    record MembershipChanged(String organizationId, Set<String> userIds, Set<String> applicationIds)
            implements LogtoChange {}

    /** A user's data or suspension changed, or the user was deleted. */
    record UserChanged(String userId, boolean deleted) implements LogtoChange {}
}
