package dev.orgql.invitation;

import dev.orgql.graphql.OrganizationScoped;
import dev.orgql.logto.LogtoModels;
import java.util.List;
import java.util.Locale;

/** The GraphQL {@code Invitation}; {@code status} is Logto's computed status as the SDL enum name. */
public record InvitationView(
        String id,
        String organizationId,
        String invitee,
        String status,
        String inviterId,
        String acceptedUserId,
        List<LogtoModels.IdAndName> embeddedRoles,
        long expiresAt,
        long createdAt,
        long updatedAt)
        implements OrganizationScoped {

    static InvitationView of(LogtoModels.Invitation invitation) {
        return new InvitationView(
                invitation.id(),
                invitation.organizationId(),
                invitation.invitee(),
                invitation.status() == null ? "PENDING" : invitation.status().toUpperCase(Locale.ROOT),
                invitation.inviterId(),
                invitation.acceptedUserId(),
                invitation.organizationRoles() == null ? List.of() : invitation.organizationRoles(),
                invitation.expiresAt(),
                invitation.createdAt(),
                invitation.updatedAt());
    }
}
