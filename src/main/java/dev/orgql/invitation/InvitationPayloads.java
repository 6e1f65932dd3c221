package dev.orgql.invitation;

import dev.orgql.graphql.UserError;
import java.util.List;

/** The invitation mutations' payload types. */
final class InvitationPayloads {
    private InvitationPayloads() {}

    /** The SDL's {@code InvitationEmailFailure}; {@code code} is an {@code InvitationEmailFailureCode}. */
    record InvitationEmailFailure(String code, String message) {}

    /**
     * An invitation that was created (or re-sent), and how its email went.
     *
     * @param emailFailure null when the email was sent or not asked for
     */
    record SentInvitation(InvitationView invitation, boolean emailSent, InvitationEmailFailure emailFailure) {}

    /** The SDL's {@code InviteMemberPayload}; a refusal still answers the non-null {@code emailSent} (false). */
    record InviteMemberPayload(
            InvitationView invitation,
            boolean emailSent,
            InvitationEmailFailure emailFailure,
            List<UserError> userErrors) {
        static InviteMemberPayload of(SentInvitation sent) {
            return new InviteMemberPayload(sent.invitation(), sent.emailSent(), sent.emailFailure(), List.of());
        }

        static InviteMemberPayload failed(List<UserError> errors) {
            return new InviteMemberPayload(null, false, null, errors);
        }
    }

    /** The SDL's {@code ResendInvitationPayload}. */
    record ResendInvitationPayload(
            InvitationView invitation,
            boolean emailSent,
            InvitationEmailFailure emailFailure,
            List<UserError> userErrors) {
        static ResendInvitationPayload of(SentInvitation sent) {
            return new ResendInvitationPayload(sent.invitation(), sent.emailSent(), sent.emailFailure(), List.of());
        }

        static ResendInvitationPayload failed(List<UserError> errors) {
            return new ResendInvitationPayload(null, false, null, errors);
        }
    }

    /** The SDL's {@code InviteResult}: one address of {@code inviteMembers}. */
    record InviteResult(
            String invitee,
            InvitationView invitation,
            boolean emailSent,
            InvitationEmailFailure emailFailure,
            List<UserError> userErrors) {
        static InviteResult of(String invitee, SentInvitation sent) {
            return new InviteResult(invitee, sent.invitation(), sent.emailSent(), sent.emailFailure(), List.of());
        }

        static InviteResult refused(String invitee, UserError error) {
            return new InviteResult(invitee, null, false, null, List.of(error));
        }
    }

    /** The SDL's {@code InviteMembersPayload}. */
    record InviteMembersPayload(List<InviteResult> results, List<UserError> userErrors) {
        static InviteMembersPayload failed(List<UserError> errors) {
            return new InviteMembersPayload(null, errors);
        }
    }

    /** The SDL's {@code InvitationPayload}. */
    record InvitationPayload(InvitationView invitation, List<UserError> userErrors) {
        static InvitationPayload failed(List<UserError> errors) {
            return new InvitationPayload(null, errors);
        }
    }
}
