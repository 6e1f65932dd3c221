package dev.orgql.invitation;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code Mutation.inviteMember}: validate, create (without email), then send the email. */
@Singleton
class InviteMemberMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final Invitations invitations;
    private final RoleCheck roleCheck;

    InviteMemberMutation(Invitations invitations, RoleCheck roleCheck) {
        this.invitations = invitations;
        this.roleCheck = roleCheck;
    }

    @Override
    public String coordinates() {
        return "Mutation.inviteMember";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String organizationId = (String) input.get("organizationId");
        String invitee = input.get("invitee") == null ? null : input.get("invitee").toString().trim();
        List<String> roleIds = Mutations.ids(input, "roleIds");
        Instant expiresAt = invitations.expiry((Instant) input.get("expiresAt"));
        boolean sendEmail = !Boolean.FALSE.equals(input.get("sendEmail"));
        return Mutations.run(() -> {
            if (!Invitations.isEmail(invitee)) {
                return failed(UserError.of(UserErrorCode.INVALID_EMAIL, "`" + invitee + "` is not a valid email address.", "input", "invitee"));
            }
            if (expiresAt == null) {
                return failed(UserError.of(UserErrorCode.BAD_USER_INPUT, "`expiresAt` must be in the future.", "input", "expiresAt"));
            }
            String lower = invitee.toLowerCase(Locale.ROOT);
            return roleCheck.require(roleIds, RoleCheck.USER, "input", "roleIds")
                    .thenCompose(ok -> invitations.membersAmong(organizationId, List.of(invitee))
                            .thenCombine(invitations.pendingAmong(organizationId, List.of(invitee)), (members, pending) ->
                                    members.contains(lower) ? Invitations.alreadyMember("input", "invitee")
                                            : pending.contains(lower) ? Invitations.alreadyPending("input", "invitee") : null))
                    .thenCompose(refusal -> refusal != null ? failed(refusal)
                            : invitations.invite(env, organizationId, invitee, roleIds, expiresAt, sendEmail)
                                    .thenApply(Invitations.Outcome::payload));
        }, e -> Invitations.createRefusal(e, "input", "invitee")).thenApply(InviteMemberMutation::withEmailSent);
    }

    /** Payloads of refusals (built by {@link Mutations}) still answer the non-null {@code emailSent}. */
    static Map<String, Object> withEmailSent(Map<String, Object> payload) {
        payload.putIfAbsent("emailSent", false);
        return payload;
    }

    static CompletableFuture<Map<String, Object>> failed(UserError error) {
        Map<String, Object> payload = Mutations.failed(error);
        payload.put("emailSent", false);
        return CompletableFuture.completedFuture(payload);
    }
}
