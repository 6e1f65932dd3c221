package dev.orgql.invitation;

import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.OrganizationPrefetch;
import dev.orgql.graphql.PrefetchSelection;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.organization.OrganizationView;
import dev.orgql.role.TemplateCache;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Organization.invitations}. Logto's invitation list is neither paged nor filterable by status,
 * so the gateway reads it whole (once per request) and filters on the computed status and pages itself.
 */
@Singleton
class OrganizationInvitationsFetcher
        implements GatewayFetcher<CompletableFuture<Connections.Connection<InvitationView>>>, OrganizationPrefetch {
    private final LogtoClient logto;
    private final TemplateCache template;

    OrganizationInvitationsFetcher(LogtoClient logto, TemplateCache template) {
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String field() {
        return "invitations";
    }

    @Override
    public void prefetch(String organizationId, PrefetchSelection selection, RequestContext context) {
        all(organizationId, context);
        template.prefetchRolesIfSelected(selection, context);
    }

    private CompletableFuture<List<LogtoModels.Invitation>> all(String organizationId, RequestContext context) {
        return context.read(
                List.of("invitations", organizationId), () -> logto.listOrganizationInvitations(organizationId));
    }

    @Override
    public String coordinates() {
        return "Organization.invitations";
    }

    @Override
    public CompletableFuture<Connections.Connection<InvitationView>> get(DataFetchingEnvironment env) {
        OrganizationView organization = env.getSource();
        String status = env.getArgument("status");
        Connections.Window window = Connections.window(
                Inputs.read(env.getArguments(), Connections.Paging.class),
                "invitations|" + organization.id() + "|" + status);
        return all(organization.id(), RequestContext.of(env))
                .thenApply(all -> Connections.slice(
                        all.stream()
                                .map(InvitationView::of)
                                .filter(invitation -> status == null || status.equals(invitation.status()))
                                .toList(),
                        window));
    }
}
