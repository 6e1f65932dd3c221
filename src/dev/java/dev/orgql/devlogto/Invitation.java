package dev.orgql.devlogto;

import java.util.List;

/**
 * An organization invitation as stored. {@code status} is the stored value; {@link #effectiveStatus}
 * is what Logto returns (a Pending row past {@code expiresAt} reads as Expired).
 */
public record Invitation(
        String id,
        String inviterId,
        String invitee,
        String acceptedUserId,
        String organizationId,
        String status,
        long createdAt,
        long updatedAt,
        long expiresAt,
        List<String> roleIds) {
    public String effectiveStatus(long now) {
        return "Pending".equals(status) && expiresAt < now ? "Expired" : status;
    }
}
