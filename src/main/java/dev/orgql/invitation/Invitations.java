package dev.orgql.invitation;

import dev.orgql.graphql.RequestContext;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.invitation.InvitationPayloads.InvitationEmailFailure;
import dev.orgql.invitation.InvitationPayloads.SentInvitation;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoModels;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the invitation mutations share: creating an invitation and mailing it as two calls (so a failed
 * email never loses or duplicates the invitation), the email's outcome, and Logto's refusals as userErrors.
 */
@Singleton
class Invitations {
    /** An address Logto's email guard accepts: local part, @, a domain with at least one dot. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    // The loader RequiresScopeWiring registers and fills while checking access.

    private final LogtoClient logto;
    private final InvitationSettings settings;

    Invitations(LogtoClient logto, InvitationSettings settings) {
        this.logto = logto;
        this.settings = settings;
    }

    static boolean isEmail(String value) {
        return value != null && value.length() <= 256 && EMAIL.matcher(value).matches();
    }

    /** The invitation as the directive loaded it (the same request-scoped copy); null when unknown. */
    static CompletableFuture<LogtoModels.Invitation> load(DataFetchingEnvironment env, String id) {
        return InvitationLoader.KEY.in(env).load(id);
    }

    /** Whether an invitation can still change: Logto's computed status is Pending and it has not expired since. */
    static boolean isPending(LogtoModels.Invitation invitation) {
        return "Pending".equals(invitation.status()) && invitation.expiresAt() > System.currentTimeMillis();
    }

    static UserError notPending(LogtoModels.Invitation invitation) {
        String status = "Pending".equals(invitation.status()) ? "Expired" : invitation.status();
        return UserError.of(
                UserErrorCode.INVITATION_NOT_PENDING,
                "The invitation is " + status.toLowerCase() + " and can no longer change.",
                "input",
                "invitationId");
    }

    /** The default expiry, or the given one when it lies in the future; null when it does not. */
    Instant expiry(Instant given) {
        Instant now = Instant.now();
        if (given == null) {
            return now.plus(settings.ttl());
        }
        return given.isAfter(now) ? given : null;
    }

    /**
     * Which of these addresses already belong to a member (lower-cased). Logto's own check on create
     * compares emails case-sensitively; members are found here as Logto matches invitees on accept,
     * ignoring case. Two calls for any number of addresses up to 100, one when none is a user.
     */
    CompletableFuture<Set<String>> membersAmong(String organizationId, Collection<String> emails) {
        if (emails.isEmpty()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        return logto.getUsersByPrimaryEmails(emails).thenCompose(users -> {
            if (users.isEmpty()) {
                return CompletableFuture.completedFuture(Set.<String>of());
            }
            return logto.getUsersByPrimaryEmailsOutsideOrganization(organizationId, emails)
                    .thenApply(outsiders -> {
                        Set<String> outside =
                                outsiders.stream().map(LogtoModels.User::id).collect(Collectors.toSet());
                        return users.stream()
                                .filter(user -> !outside.contains(user.id()) && user.primaryEmail() != null)
                                .map(user -> user.primaryEmail().toLowerCase(Locale.ROOT))
                                .collect(Collectors.toSet());
                    });
        });
    }

    /**
     * Which of these addresses (lower-cased) already have a pending invitation to the organization.
     * Logto refuses only an exact duplicate (422 {@code entity.unique_integrity_violation}, recording 55):
     * {@code DUP@example.com} next to a pending {@code dup@example.com} is stored as a second pending
     * invitation (recordings 53, 54, 55a, both versions), while acceptance compares case-insensitively.
     * One call: for one address Logto's {@code invitee} filter (which compares {@code lower() = lower()}),
     * for several the organization's invitations (not paginated by Logto).
     */
    CompletableFuture<Set<String>> pendingAmong(String organizationId, Collection<String> emails) {
        if (emails.isEmpty()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        Set<String> wanted =
                emails.stream().map(email -> email.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        // It decides what the mutation creates: never from a cache.
        CompletableFuture<List<LogtoModels.Invitation>> listed = emails.size() == 1
                ? logto.fresh()
                        .listOrganizationInvitationsTo(
                                organizationId, emails.iterator().next())
                : logto.fresh().listOrganizationInvitations(organizationId);
        return listed.thenApply(all -> all.stream()
                .filter(invitation -> organizationId.equals(invitation.organizationId())
                        && isPending(invitation)
                        && invitation.invitee() != null)
                .map(invitation -> invitation.invitee().toLowerCase(Locale.ROOT))
                .filter(wanted::contains)
                .collect(Collectors.toSet()));
    }

    static UserError alreadyPending(String... field) {
        return UserError.of(
                UserErrorCode.INVITATION_ALREADY_PENDING,
                "A pending invitation for this address exists already: resend it instead.",
                field);
    }

    static UserError alreadyMember(String... field) {
        return UserError.of(
                UserErrorCode.ALREADY_A_MEMBER, "The invitee is already a member of the organization.", field);
    }

    /** Creates the invitation without email, then mails it if asked: a failed email leaves the invitation in place. */
    CompletableFuture<SentInvitation> invite(
            DataFetchingEnvironment env,
            String organizationId,
            String invitee,
            List<String> roleIds,
            Instant expiresAt,
            boolean sendEmail) {
        var caller = RequestContext.of(env).caller();
        Map<String, Object> body = new LinkedHashMap<>();
        // The inviter is always the caller; a bot (no user id) invites anonymously.
        body.put("inviterId", caller.isUser() ? caller.subject() : null);
        body.put("invitee", invitee);
        body.put("organizationId", organizationId);
        body.put("expiresAt", expiresAt.toEpochMilli());
        body.put("organizationRoleIds", roleIds);
        body.put("messagePayload", false);
        return logto.createInvitation(body).thenCompose(created -> {
            InvitationView node = InvitationView.of(created);
            if (!sendEmail) {
                return CompletableFuture.completedFuture(new SentInvitation(node, false, null));
            }
            return email(created.id()).thenApply(failure -> new SentInvitation(node, failure == null, failure));
        });
    }

    /** Sends (or re-sends) an invitation's email; completes with null when sent, or with the failure. Never fails. */
    CompletableFuture<InvitationEmailFailure> email(String invitationId) {
        if (!settings.hasLinkTemplate()) {
            return CompletableFuture.completedFuture(
                    failure(
                            "LINK_NOT_CONFIGURED",
                            "The gateway has no invitation link template (ORGQL_INVITATION_LINK_TEMPLATE); the email was not sent."));
        }
        CompletableFuture<Void> sent;
        try {
            sent = logto.sendInvitationMessage(invitationId, Map.of("link", settings.link(invitationId)));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((ok, error) -> {
            if (error == null) {
                return null;
            }
            LogtoException e = LogtoErrors.unwrap(error);
            if (e != null && e.status() == 501) {
                return failure(
                        "NO_EMAIL_CONNECTOR",
                        "Logto has no email connector set up, so the invitation email was not sent: " + e.getMessage());
            }
            if (e != null && e.status() == 429) {
                return failure(
                        "RATE_LIMITED",
                        "This address was emailed too often lately; resend the invitation later: " + e.getMessage());
            }
            return failure(
                    "UPSTREAM_ERROR",
                    "Logto could not send the invitation email: "
                            + (e != null
                                    ? e.getMessage()
                                    : LogtoErrors.unwrapAny(error).getMessage()));
        });
    }

    private static InvitationEmailFailure failure(String code, String message) {
        return new InvitationEmailFailure(code, message);
    }

    /** Logto's refusals of {@code POST /api/organization-invitations}, as userErrors on {@code field}. */
    static UserError createRefusal(LogtoException e, String... field) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        // On create, Logto's only 422 request.invalid_input is "the invitee is already a member".
        if (e.status() == 422 && e.is(LogtoError.REQUEST_INVALID_INPUT)) {
            return alreadyMember(field);
        }
        if (e.status() == 422 && e.is(LogtoError.UNIQUE_INTEGRITY_VIOLATION)) {
            return alreadyPending(field);
        }
        if (e.status() == 422 && e.is(LogtoError.FOREIGN_KEY_NOT_FOUND)) {
            return UserError.of(
                    UserErrorCode.NOT_FOUND,
                    "The organization or a role does not exist: " + message,
                    "input",
                    "roleIds");
        }
        if (e.status() == 400 && e.is(LogtoError.GUARD_INVALID_INPUT)) {
            return UserError.of(UserErrorCode.INVALID_EMAIL, "Logto refused the address: " + message, field);
        }
        if (e.status() == 400 && e.is(LogtoError.REQUEST_INVALID_INPUT)) {
            return UserError.of(UserErrorCode.BAD_USER_INPUT, message, "input", "expiresAt");
        }
        return null;
    }

    /**
     * Logto's refusals of {@code PUT /api/organization-invitations/{id}/status}. Two of them share the code
     * {@code request.invalid_input} and differ only in their (English: see ManagementApi) message.
     */
    static UserError statusRefusal(LogtoException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.status() == 422 && e.is(LogtoError.REQUEST_INVALID_INPUT)) {
            if (message.contains("same email")) {
                return UserError.of(
                        UserErrorCode.EMAIL_MISMATCH,
                        "Your primary email does not match the invitation's address.",
                        "input",
                        "invitationId");
            }
            if (message.contains("cannot be changed")) {
                return UserError.of(
                        UserErrorCode.INVITATION_NOT_PENDING,
                        "The invitation can no longer change (accepted, revoked or expired).",
                        "input",
                        "invitationId");
            }
        }
        if (e.status() == 404) {
            return UserError.of(
                    UserErrorCode.NOT_FOUND,
                    "The invitation (or your user) no longer exists.",
                    "input",
                    "invitationId");
        }
        return null;
    }
}
