package dev.orgql.invitation;

import dev.orgql.auth.LiveScopeCache;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Mutations;
import dev.orgql.graphql.RequestContext;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.invitation.InvitationInputs.AcceptInvitationInput;
import dev.orgql.invitation.InvitationInputs.DeclineInvitationInput;
import dev.orgql.invitation.InvitationInputs.OneInvitation;
import dev.orgql.invitation.InvitationInputs.ResendInvitationInput;
import dev.orgql.invitation.InvitationInputs.RevokeInvitationInput;
import dev.orgql.invitation.InvitationPayloads.InvitationPayload;
import dev.orgql.invitation.InvitationPayloads.ResendInvitationPayload;
import dev.orgql.invitation.InvitationPayloads.SentInvitation;
import dev.orgql.logto.LogtoClient;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code resendInvitation}, {@code revokeInvitation}, {@code acceptInvitation} and
 * {@code declineInvitation}. Who may call them is the directive's business (invitation's organization,
 * or the invitee); these check the invitation's state and make the call.
 */
final class InvitationStatusMutations {
    private InvitationStatusMutations() {}

    static UserError unknown(String id) {
        return UserError.of(UserErrorCode.NOT_FOUND, "No invitation has the id " + id + ".", "input", "invitationId");
    }

    /**
     * Sets the status (Accepted with the caller as the accepting user, or Revoked) of a pending
     * invitation: the one implementation of revoke, decline and accept, which differ only in their
     * field, input type and the status they set.
     */
    abstract static class StatusChange<I extends Record & OneInvitation>
            implements GatewayFetcher<CompletableFuture<InvitationPayload>> {
        private final LogtoClient logto;
        private final LiveScopeCache liveScopes;
        private final String coordinates;
        private final Class<I> inputType;
        private final String status;

        StatusChange(
                LogtoClient logto, LiveScopeCache liveScopes, String coordinates, Class<I> inputType, String status) {
            this.logto = logto;
            this.liveScopes = liveScopes;
            this.coordinates = coordinates;
            this.inputType = inputType;
            this.status = status;
        }

        @Override
        public String coordinates() {
            return coordinates;
        }

        @Override
        public CompletableFuture<InvitationPayload> get(DataFetchingEnvironment env) {
            String id = Inputs.read(env, inputType).invitationId();
            String userId = RequestContext.of(env).caller().subject();
            return Mutations.run(
                    InvitationPayload::failed,
                    () -> Invitations.load(env, id).thenCompose(invitation -> {
                        if (invitation == null) {
                            return Mutations.refuse(unknown(id));
                        }
                        if (!Invitations.isPending(invitation)) {
                            return Mutations.refuse(Invitations.notPending(invitation));
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
                            return new InvitationPayload(InvitationView.of(changed), List.of());
                        });
                    }),
                    Invitations::statusRefusal);
        }
    }

    @Singleton
    static class Revoke extends StatusChange<RevokeInvitationInput> {
        Revoke(LogtoClient logto, LiveScopeCache liveScopes) {
            super(logto, liveScopes, "Mutation.revokeInvitation", RevokeInvitationInput.class, "Revoked");
        }
    }

    /** A decline is stored as Revoked: Logto's status route takes only Accepted or Revoked. */
    @Singleton
    static class Decline extends StatusChange<DeclineInvitationInput> {
        Decline(LogtoClient logto, LiveScopeCache liveScopes) {
            super(logto, liveScopes, "Mutation.declineInvitation", DeclineInvitationInput.class, "Revoked");
        }
    }

    /** Logto adds the member with the invitation's roles in the same call; the caller's cached live scopes there are dropped. */
    @Singleton
    static class Accept extends StatusChange<AcceptInvitationInput> {
        Accept(LogtoClient logto, LiveScopeCache liveScopes) {
            super(logto, liveScopes, "Mutation.acceptInvitation", AcceptInvitationInput.class, "Accepted");
        }
    }

    @Singleton
    static class Resend implements GatewayFetcher<CompletableFuture<ResendInvitationPayload>> {
        private final Invitations invitations;

        Resend(Invitations invitations) {
            this.invitations = invitations;
        }

        @Override
        public String coordinates() {
            return "Mutation.resendInvitation";
        }

        @Override
        public CompletableFuture<ResendInvitationPayload> get(DataFetchingEnvironment env) {
            String id = Inputs.read(env, ResendInvitationInput.class).invitationId();
            return Mutations.run(
                    ResendInvitationPayload::failed,
                    () -> Invitations.load(env, id).thenCompose(invitation -> {
                        if (invitation == null) {
                            return Mutations.refuse(unknown(id));
                        }
                        if (!Invitations.isPending(invitation)) {
                            return Mutations.refuse(Invitations.notPending(invitation));
                        }
                        return invitations
                                .email(id)
                                .thenApply(failure -> ResendInvitationPayload.of(
                                        new SentInvitation(InvitationView.of(invitation), failure == null, failure)));
                    }));
        }
    }
}
