package dev.orgql.invitation;

import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.organization.OrganizationNode;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Organization.invitations}. Logto's invitation list is neither paged nor filterable by status,
 * so the gateway reads it whole (once per request) and filters on the computed status and pages itself.
 */
@Singleton
class OrganizationInvitationsFetcher implements GatewayFetcher<CompletableFuture<Connections.Connection<InvitationNode>>> {
    private final LogtoClient logto;

    OrganizationInvitationsFetcher(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Organization.invitations";
    }

    @Override
    public CompletableFuture<Connections.Connection<InvitationNode>> get(DataFetchingEnvironment env) {
        OrganizationNode organization = env.getSource();
        Connections.Window window = Connections.window(env.getArgument("first"), env.getArgument("after"));
        String status = env.getArgument("status");
        return RequestContext.of(env)
                .read(List.of("invitations", organization.id()), () -> logto.listOrganizationInvitations(organization.id()))
                .thenApply(all -> Connections.slice(all.stream()
                        .map(InvitationNode::of)
                        .filter(invitation -> status == null || status.equals(invitation.status()))
                        .toList(), window));
    }
}
