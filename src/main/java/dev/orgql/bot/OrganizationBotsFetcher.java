package dev.orgql.bot;

import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.PagedReads;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.organization.OrganizationNode;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Organization.bots}: Logto's organization applications, one page per call, roles embedded.
 * Logto defines no order for this list, so pages can shift while bots are added or removed.
 */
@Singleton
class OrganizationBotsFetcher implements GatewayFetcher<CompletableFuture<Connections.Connection<BotNode>>> {
    private final LogtoClient logto;

    OrganizationBotsFetcher(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Organization.bots";
    }

    @Override
    public CompletableFuture<Connections.Connection<BotNode>> get(DataFetchingEnvironment env) {
        OrganizationNode organization = env.getSource();
        Connections.Window window = Connections.window(env.getArgument("first"), env.getArgument("after"));
        RequestContext context = RequestContext.of(env);
        return PagedReads.window(window, (page, size) -> context.read(
                        List.of("bots", organization.id(), page, size),
                        () -> logto.listOrganizationApplications(organization.id(), page, size)))
                .thenApply(apps -> Connections.of(
                        apps.nodes().stream().map(app -> BotNode.of(organization.id(), app)).toList(),
                        window.offset(), apps.totalCount()));
    }
}
