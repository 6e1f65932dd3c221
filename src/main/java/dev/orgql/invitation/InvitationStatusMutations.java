package dev.orgql.invitation;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.RequestContext;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code resendInvitation}, {@code revokeInvitation}, {@code acceptInvitation} and
 * {@code declineInvitation}. Who may call them is the directive's business (invitation's organization,
 * or the invitee); these check the invitation's state and make the call.
 */
final class InvitationStatusMutations {
    private InvitationStatusMutations() {
    }

    static String invitationId(DataFetchingEnvironment env) {
        return (String) Mutations.input(env).get("invitationId");
    }

    static UserError unknown(String id) {
        return UserError.of(UserErrorCode.NOT_FOUND, "No invitation has the id " + id + ".", "input", "invitationId");
    }

    /** Sets the status (Accepted with the caller as the accepting user, or Revoked) of a pending invitation. */
    static CompletableFuture<Map<String, Object>> change(DataFetchingEnvironment env, LogtoClient logto, String status,
                                                         LiveScopeCache liveScopes) {
        String id = invitationId(env);
        String userId = RequestContext.of(env).caller().subject();
        return Mutations.run(() -> Invitations.load(env, id).thenCompose(invitation -> {
            if (invitation == null) {
                return Mutations.failedNow(unknown(id));
            }
            if (!Invitations.isPending(invitation)) {
                return Mutations.failedNow(Invitations.notPending(invitation));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            if ("Accepted".equals(status)) {
                // Logto does not check who accepts: the accepting user is always the verified caller.
                body.put("acceptedUserId", userId);
            }
            return logto.setInvitationStatus(id, body).thenApply(changed -> {
                if ("Accepted".equals(status)) {
                    liveScopes.invalidate(changed.organizationId(), userId);
                }
                return Mutations.payload("invitation", InvitationNode.of(changed));
            });
        }), Invitations::statusRefusal);
    }

    @Singleton
    static class Revoke implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
        private final LogtoClient logto;
        private final LiveScopeCache liveScopes;

        Revoke(LogtoClient logto, LiveScopeCache liveScopes) {
            this.logto = logto;
            this.liveScopes = liveScopes;
        }

        @Override
        public String coordinates() {
            return "Mutation.revokeInvitation";
        }

        @Override
        public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
            return change(env, logto, "Revoked", liveScopes);
        }
    }

    /** A decline is stored as Revoked: Logto's status route takes only Accepted or Revoked. */
    @Singleton
    static class Decline implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
        private final LogtoClient logto;
        private final LiveScopeCache liveScopes;

        Decline(LogtoClient logto, LiveScopeCache liveScopes) {
            this.logto = logto;
            this.liveScopes = liveScopes;
        }

        @Override
        public String coordinates() {
            return "Mutation.declineInvitation";
        }

        @Override
        public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
            return change(env, logto, "Revoked", liveScopes);
        }
    }

    /** Logto adds the member with the invitation's roles in the same call; the caller's cached live scopes there are dropped. */
    @Singleton
    static class Accept implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
        private final LogtoClient logto;
        private final LiveScopeCache liveScopes;

        Accept(LogtoClient logto, LiveScopeCache liveScopes) {
            this.logto = logto;
            this.liveScopes = liveScopes;
        }

        @Override
        public String coordinates() {
            return "Mutation.acceptInvitation";
        }

        @Override
        public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
            return change(env, logto, "Accepted", liveScopes);
        }
    }

    @Singleton
    static class Resend implements GatewayFetcher<CompletableFuture<Map<String, Object>>> {
        private final Invitations invitations;

        Resend(Invitations invitations) {
            this.invitations = invitations;
        }

        @Override
        public String coordinates() {
            return "Mutation.resendInvitation";
        }

        @Override
        public CompletableFuture<Map<String, Object>> get(DataFetchingEnvironment env) {
            String id = invitationId(env);
            return Mutations.run(() -> Invitations.load(env, id).thenCompose(invitation -> {
                if (invitation == null) {
                    return InviteMemberMutation.failed(unknown(id));
                }
                if (!Invitations.isPending(invitation)) {
                    return InviteMemberMutation.failed(Invitations.notPending(invitation));
                }
                return invitations.email(id).thenApply(failure ->
                        new Invitations.Outcome(InvitationNode.of(invitation), failure == null, failure).payload());
            })).thenApply(InviteMemberMutation::withEmailSent);
        }
    }
}
