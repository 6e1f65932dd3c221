package dev.orgql.invitation;

import dev.orgql.auth.Caller;
import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.user.UserLoader;
import dev.orgql.user.Viewer;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Query.invitation} and {@code Viewer.invitations}. */
final class InvitationQueries {
    private InvitationQueries() {}

    /** The landing page's invitation; the directive already loaded it (and decided who may see it). */
    @Singleton
    static class ById implements GatewayFetcher<CompletableFuture<InvitationView>> {
        @Override
        public String coordinates() {
            return "Query.invitation";
        }

        @Override
        public CompletableFuture<InvitationView> get(DataFetchingEnvironment env) {
            return Invitations.load(env, env.getArgument("id")).thenApply(i -> i == null ? null : InvitationView.of(i));
        }
    }

    /** Pending invitations to the viewer's primary email ({@code ?invitee=}, case-insensitive in Logto). */
    @Singleton
    static class ViewerInvitations
            implements GatewayFetcher<CompletableFuture<Connections.Connection<InvitationView>>> {
        private final LogtoClient logto;

        ViewerInvitations(LogtoClient logto) {
            this.logto = logto;
        }

        @Override
        public String coordinates() {
            return "Viewer.invitations";
        }

        @Override
        public CompletableFuture<Connections.Connection<InvitationView>> get(DataFetchingEnvironment env) {
            Viewer viewer = env.getSource();
            Caller caller = RequestContext.of(env).caller();
            Connections.Window window = Connections.window(
                    Inputs.read(env.getArguments(), Connections.Paging.class),
                    "viewer-invitations|" + viewer.userId() + "|" + caller.organizationId());
            return UserLoader.KEY.in(env).load(viewer.userId()).thenCompose(user -> {
                if (user == null
                        || user.primaryEmail() == null
                        || user.primaryEmail().isBlank()) {
                    return CompletableFuture.completedFuture(Connections.slice(List.<InvitationView>of(), window));
                }
                return logto.listInvitationsByInvitee(user.primaryEmail())
                        .thenApply(all -> Connections.slice(
                                all.stream()
                                        .filter(Invitations::isPending)
                                        .filter(i -> !caller.isBoundToOrganization()
                                                || caller.organizationId().equals(i.organizationId()))
                                        .map(InvitationView::of)
                                        .toList(),
                                window));
            });
        }
    }
}
