package dev.orgql.invitation;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.role.RoleCheck;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Mutation.inviteMembers}: the whole input is checked once (count, roles, expiry), then each
 * address is invited in turn, one after the other, with its own result: one address failing (already a
 * member, already invited, or even an unexpected Logto error) does not stop the others.
 */
@Singleton
class InviteMembersMutation implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
    private final Invitations invitations;
    private final RoleCheck roleCheck;

    InviteMembersMutation(Invitations invitations, RoleCheck roleCheck) {
        this.invitations = invitations;
        this.roleCheck = roleCheck;
    }

    @Override
    public String coordinates() {
        return "Mutation.inviteMembers";
    }

    @Override
    public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
        Map<String, Object> input = Mutations.input(env);
        String organizationId = (String) input.get("organizationId");
        List<String> given = Invitations.strings(input.get("invitees"));
        List<Integer> positions = new ArrayList<>();
        List<String> invitees = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String email = given.get(i) == null ? "" : given.get(i).trim();
            if (seen.add(email.toLowerCase(Locale.ROOT))) {
                invitees.add(email);
                positions.add(i);
            }
        }
        List<String> roleIds = Mutations.ids(input, "roleIds");
        Instant expiresAt = invitations.expiry((Instant) input.get("expiresAt"));
        boolean sendEmail = !Boolean.FALSE.equals(input.get("sendEmail"));
        return Mutations.run(() -> {
            UserError size = Mutations.batchSizeError(invitees, "email addresses", "input", "invitees");
            if (size != null) {
                return Mutations.failedNow(size);
            }
            if (expiresAt == null) {
                return Mutations.failedNow(UserError.of(UserErrorCode.BAD_USER_INPUT, "`expiresAt` must be in the future.", "input", "expiresAt"));
            }
            List<String> valid = invitees.stream().filter(Invitations::isEmail).toList();
            return roleCheck.require(roleIds, RoleCheck.USER, "input", "roleIds")
                    .thenCompose(ok -> invitations.membersAmong(organizationId, valid)
                            .thenCombine(invitations.pendingAmong(organizationId, valid), Refusals::new)).thenCompose(known -> {
                Set<String> members = known.members();
                List<Map<String, Object>> results = new ArrayList<>();
                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                for (int i = 0; i < invitees.size(); i++) {
                    String invitee = invitees.get(i);
                    String[] field = {"input", "invitees", String.valueOf(positions.get(i))};
                    if (members.contains(invitee.toLowerCase(Locale.ROOT))) {
                        // Results keep the order of the input.
                        chain = chain.thenRun(() -> results.add(result(invitee, null, Invitations.alreadyMember(field))));
                        continue;
                    }
                    if (known.pending().contains(invitee.toLowerCase(Locale.ROOT))) {
                        chain = chain.thenRun(() -> results.add(result(invitee, null, Invitations.alreadyPending(field))));
                        continue;
                    }
                    chain = chain.thenCompose(previous -> one(env, organizationId, invitee, roleIds, expiresAt, sendEmail, field))
                            .thenAccept(results::add);
                }
                return chain.thenApply(done -> Mutations.payload("results", results));
            });
        });
    }

    /** Addresses (lower-cased) already members, and those with a pending invitation. */
    private record Refusals(Set<String> members, Set<String> pending) {
    }

    private CompletableFuture<Map<String, Object>> one(DataFetchingEnvironment env, String organizationId, String invitee,
                                                       List<String> roleIds, Instant expiresAt, boolean sendEmail, String[] field) {
        if (!Invitations.isEmail(invitee)) {
            return CompletableFuture.completedFuture(result(invitee, null,
                    UserError.of(UserErrorCode.INVALID_EMAIL, "`" + invitee + "` is not a valid email address.", field)));
        }
        CompletableFuture<Invitations.Outcome> started;
        try {
            started = invitations.invite(env, organizationId, invitee, roleIds, expiresAt, sendEmail);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((outcome, error) -> {
            if (error == null) {
                return result(invitee, outcome, null);
            }
            UserError userError = Mutations.toUserError(error, e -> Invitations.createRefusal(e, field));
            if (userError == null) {
                userError = UserError.of(UserErrorCode.UPSTREAM_ERROR, "Logto failed for this address: "
                        + dev.orgql.logto.LogtoErrors.unwrapAny(error).getMessage(), field);
            }
            return result(invitee, null, userError);
        });
    }

    private static Map<String, Object> result(String invitee, Invitations.Outcome outcome, UserError error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("invitee", invitee);
        result.put("invitation", outcome == null ? null : outcome.invitation());
        result.put("emailSent", outcome != null && outcome.emailSent());
        result.put("emailFailure", outcome == null ? null : outcome.emailFailure());
        result.put("userErrors", error == null ? List.of() : List.of(error));
        return result;
    }
}
