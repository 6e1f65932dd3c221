package dev.orgql.invitation;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.IdempotentMutations;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.invitation.InvitationInputs.InviteMembersInput;
import dev.orgql.invitation.InvitationPayloads.InviteMembersPayload;
import dev.orgql.invitation.InvitationPayloads.InviteResult;
import dev.orgql.invitation.InvitationPayloads.SentInvitation;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.inviteMembers}: the whole input is checked once (count, roles, expiry), then each
 * address is invited in turn, one after the other, with its own result: one address failing (already a
 * member, already invited, or even an unexpected Logto error) does not stop the others.
 */
@Singleton
class InviteMembersMutation implements GatewayFetcher<CompletableFuture<InviteMembersPayload>> {
    private final IdempotentMutations idempotency;
    private final Invitations invitations;
    private final RoleCheck roleCheck;

    InviteMembersMutation(Invitations invitations, RoleCheck roleCheck, IdempotentMutations idempotency) {
        this.idempotency = idempotency;
        this.invitations = invitations;
        this.roleCheck = roleCheck;
    }

    @Override
    public String coordinates() {
        return "Mutation.inviteMembers";
    }

    @Override
    public CompletableFuture<InviteMembersPayload> get(DataFetchingEnvironment env) {
        InviteMembersInput input = Inputs.read(env, InviteMembersInput.class);
        String organizationId = input.organizationId();
        List<InvitationInputs.Invitee> distinct = input.distinctInvitees();
        List<String> invitees =
                distinct.stream().map(InvitationInputs.Invitee::email).toList();
        List<String> roleIds = input.roleIds();
        Instant expiresAt = invitations.expiry(input.expiresAt());
        boolean sendEmail = input.sendEmail();
        return idempotency.once(
                env,
                InviteMembersPayload::failed,
                InviteMembersPayload::userErrors,
                () -> Mutations.run(InviteMembersPayload::failed, () -> {
                    UserError size = Mutations.batchSizeError(invitees, "email addresses", "input", "invitees");
                    if (size != null) {
                        return Mutations.refuse(size);
                    }
                    if (expiresAt == null) {
                        return Mutations.refuse(UserError.of(
                                UserErrorCode.BAD_USER_INPUT,
                                "`expiresAt` must be in the future.",
                                "input",
                                "expiresAt"));
                    }
                    List<String> valid =
                            invitees.stream().filter(Invitations::isEmail).toList();
                    return roleCheck
                            .require(roleIds, RoleCheck.USER, "input", "roleIds")
                            .thenCompose(ok -> invitations
                                    .membersAmong(organizationId, valid)
                                    .thenCombine(invitations.pendingAmong(organizationId, valid), Refusals::new))
                            .thenCompose(known -> {
                                Set<String> members = known.members();
                                List<InviteResult> results = new ArrayList<>();
                                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                                for (int i = 0; i < invitees.size(); i++) {
                                    String invitee = invitees.get(i);
                                    String[] field = {
                                        "input",
                                        "invitees",
                                        String.valueOf(distinct.get(i).position())
                                    };
                                    if (members.contains(invitee.toLowerCase(Locale.ROOT))) {
                                        // Results keep the order of the input.
                                        chain = chain.thenRun(() -> results.add(
                                                InviteResult.refused(invitee, Invitations.alreadyMember(field))));
                                        continue;
                                    }
                                    if (known.pending().contains(invitee.toLowerCase(Locale.ROOT))) {
                                        chain = chain.thenRun(() -> results.add(
                                                InviteResult.refused(invitee, Invitations.alreadyPending(field))));
                                        continue;
                                    }
                                    chain = chain.thenCompose(previous -> one(
                                                    env, organizationId, invitee, roleIds, expiresAt, sendEmail, field))
                                            .thenAccept(results::add);
                                }
                                return chain.thenApply(
                                        done -> new InviteMembersPayload(List.copyOf(results), List.of()));
                            });
                }));
    }

    /** Addresses (lower-cased) already members, and those with a pending invitation. */
    private record Refusals(Set<String> members, Set<String> pending) {}

    private CompletableFuture<InviteResult> one(
            DataFetchingEnvironment env,
            String organizationId,
            String invitee,
            List<String> roleIds,
            Instant expiresAt,
            boolean sendEmail,
            String[] field) {
        if (!Invitations.isEmail(invitee)) {
            return CompletableFuture.completedFuture(InviteResult.refused(
                    invitee,
                    UserError.of(
                            UserErrorCode.INVALID_EMAIL, "`" + invitee + "` is not a valid email address.", field)));
        }
        CompletableFuture<SentInvitation> started;
        try {
            started = invitations.invite(env, organizationId, invitee, roleIds, expiresAt, sendEmail);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((outcome, error) -> {
            if (error == null) {
                return InviteResult.of(invitee, outcome);
            }
            UserError userError = Mutations.toUserError(error, e -> Invitations.createRefusal(e, field));
            if (userError == null) {
                userError = UserError.of(
                        UserErrorCode.UPSTREAM_ERROR,
                        "Logto failed for this address: "
                                + dev.orgql.logto.LogtoErrors.unwrapAny(error).getMessage(),
                        field);
            }
            return InviteResult.refused(invitee, userError);
        });
    }
}
