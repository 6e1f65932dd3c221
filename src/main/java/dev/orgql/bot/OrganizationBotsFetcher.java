package dev.orgql.bot;

import dev.orgql.graphql.Connections;
import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.OrganizationPrefetch;
import dev.orgql.graphql.PagedReads;
import dev.orgql.graphql.PrefetchSelection;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.organization.OrganizationView;
import dev.orgql.role.TemplateCache;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Organization.bots}: Logto's organization applications, one page per call, roles embedded.
 * Logto defines no order for this list, so pages can shift while bots are added or removed.
 */
@Singleton
class OrganizationBotsFetcher
        implements GatewayFetcher<CompletableFuture<Connections.Connection<BotView>>>, OrganizationPrefetch {
    private final LogtoClient logto;
    private final TemplateCache template;

    OrganizationBotsFetcher(LogtoClient logto, TemplateCache template) {
        this.logto = logto;
        this.template = template;
    }

    @Override
    public String coordinates() {
        return "Organization.bots";
    }

    @Override
    public String field() {
        return "bots";
    }

    @Override
    public CompletableFuture<Connections.Connection<BotView>> get(DataFetchingEnvironment env) {
        OrganizationView organization = env.getSource();
        return read(organization.id(), env.getArguments(), RequestContext.of(env));
    }

    @Override
    public void prefetch(String organizationId, PrefetchSelection selection, RequestContext context) {
        read(organizationId, selection.arguments(), context);
        template.prefetchRolesIfSelected(selection, context);
    }

    private CompletableFuture<Connections.Connection<BotView>> read(
            String organizationId, Map<String, Object> arguments, RequestContext context) {
        Connections.Window window =
                Connections.window(Inputs.read(arguments, Connections.Paging.class), "bots|" + organizationId);
        return PagedReads.window(
                        window,
                        (page, size) -> context.read(
                                List.of("bots", organizationId, page, size),
                                () -> logto.listOrganizationApplications(organizationId, page, size)))
                .thenApply(apps -> apps.map(app -> BotView.of(organizationId, app)));
    }
}
