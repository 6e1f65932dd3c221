package dev.orgql.invitation;

import dev.orgql.graphql.Inputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The invitation mutations' input types, read by {@link Inputs}. */
final class InvitationInputs {
    private InvitationInputs() {}

    /** An input naming one invitation (the four status mutations). */
    interface OneInvitation {
        String invitationId();
    }

    /** The SDL's {@code InviteMemberInput}; the address is trimmed, {@code sendEmail} defaults to true. */
    record InviteMemberInput(
            String organizationId,
            String invitee,
            List<String> roleIds,
            Instant expiresAt,
            Boolean sendEmail,
            String idempotencyKey) {
        InviteMemberInput {
            invitee = invitee == null ? null : invitee.trim();
            roleIds = Inputs.distinct(roleIds);
            sendEmail = !Boolean.FALSE.equals(sendEmail);
        }
    }

    /** The SDL's {@code InviteMembersInput}; {@code sendEmail} defaults to true. */
    record InviteMembersInput(
            String organizationId,
            List<String> invitees,
            List<String> roleIds,
            Instant expiresAt,
            Boolean sendEmail,
            String idempotencyKey) {
        InviteMembersInput {
            invitees = invitees == null ? List.of() : invitees;
            roleIds = Inputs.distinct(roleIds);
            sendEmail = !Boolean.FALSE.equals(sendEmail);
        }

        /** The addresses trimmed, each once (compared case-insensitively), with where each first occurs in the input. */
        List<Invitee> distinctInvitees() {
            List<Invitee> distinct = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < invitees.size(); i++) {
                String email = invitees.get(i) == null ? "" : invitees.get(i).trim();
                if (seen.add(email.toLowerCase(Locale.ROOT))) {
                    distinct.add(new Invitee(email, i));
                }
            }
            return distinct;
        }
    }

    /** One distinct address of {@code inviteMembers}, and its index in {@code input.invitees}. */
    record Invitee(String email, int position) {}

    record ResendInvitationInput(String invitationId) implements OneInvitation {}

    record RevokeInvitationInput(String invitationId) implements OneInvitation {}

    record AcceptInvitationInput(String invitationId) implements OneInvitation {}

    record DeclineInvitationInput(String invitationId) implements OneInvitation {}
}
