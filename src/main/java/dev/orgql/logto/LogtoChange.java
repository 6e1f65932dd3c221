package dev.orgql.logto;

import java.util.Set;

/**
 * Something changed in Logto that cached reads may not show yet: published (as a Micronaut application
 * event) by the webhook receiver and by {@link LogtoClient} after each of the gateway's own writes (see
 * {@code WriteChanges}), and heard by every cache that holds such data. Components are Strings, Sets of
 * Strings and booleans only, so that every variant can be relayed between replicas as it is. What each Logto event can and cannot say is in
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

    /** Members' organization roles changed (Logto fires no webhook for this: only the gateway's writes say so). */
    record MemberRolesChanged(String organizationId, Set<String> userIds) implements LogtoChange {}

    /** Bots' organization roles changed (no webhook either). */
    record BotRolesChanged(String organizationId, Set<String> applicationIds) implements LogtoChange {}

    /**
     * Invitations changed (created, accepted, revoked; no webhook either): of this organization, or of any
     * when {@code organizationId} is null (a status change whose answer was lost names no organization).
     */
    record InvitationsChanged(String organizationId) implements LogtoChange {}
}
