package dev.orgql.invitation;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.IdempotentMutations;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.invitation.InvitationInputs.InviteMemberInput;
import dev.orgql.invitation.InvitationPayloads.InviteMemberPayload;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.inviteMember}: validate, create (without email), then send the email. */
@Singleton
class InviteMemberMutation implements GatewayFetcher<CompletableFuture<InviteMemberPayload>> {
    private final IdempotentMutations idempotency;
    private final Invitations invitations;
    private final RoleCheck roleCheck;

    InviteMemberMutation(Invitations invitations, RoleCheck roleCheck, IdempotentMutations idempotency) {
        this.idempotency = idempotency;
        this.invitations = invitations;
        this.roleCheck = roleCheck;
    }

    @Override
    public String coordinates() {
        return "Mutation.inviteMember";
    }

    @Override
    public CompletableFuture<InviteMemberPayload> get(DataFetchingEnvironment env) {
        InviteMemberInput input = Inputs.read(env, InviteMemberInput.class);
        String organizationId = input.organizationId();
        String invitee = input.invitee();
        List<String> roleIds = input.roleIds();
        Instant expiresAt = invitations.expiry(input.expiresAt());
        return idempotency.once(
                env,
                InviteMemberPayload::failed,
                InviteMemberPayload::userErrors,
                () -> Mutations.run(
                        InviteMemberPayload::failed,
                        () -> {
                            if (!Invitations.isEmail(invitee)) {
                                return Mutations.refuse(UserError.of(
                                        UserErrorCode.INVALID_EMAIL,
                                        "`" + invitee + "` is not a valid email address.",
                                        "input",
                                        "invitee"));
                            }
                            if (expiresAt == null) {
                                return Mutations.refuse(UserError.of(
                                        UserErrorCode.BAD_USER_INPUT,
                                        "`expiresAt` must be in the future.",
                                        "input",
                                        "expiresAt"));
                            }
                            String lower = invitee.toLowerCase(Locale.ROOT);
                            return roleCheck
                                    .require(roleIds, RoleCheck.USER, "input", "roleIds")
                                    .thenCompose(ok -> invitations
                                            .membersAmong(organizationId, List.of(invitee))
                                            .thenCombine(
                                                    invitations.pendingAmong(organizationId, List.of(invitee)),
                                                    (members, pending) -> members.contains(lower)
                                                            ? Invitations.alreadyMember("input", "invitee")
                                                            : pending.contains(lower)
                                                                    ? Invitations.alreadyPending("input", "invitee")
                                                                    : null))
                                    .thenCompose(refusal -> refusal != null
                                            ? Mutations.<InviteMemberPayload>refuse(refusal)
                                            : invitations
                                                    .invite(
                                                            env,
                                                            organizationId,
                                                            invitee,
                                                            roleIds,
                                                            expiresAt,
                                                            input.sendEmail())
                                                    .thenApply(InviteMemberPayload::of));
                        },
                        e -> Invitations.createRefusal(e, "input", "invitee")));
    }
}
