package dev.orgql.bot;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import dev.orgql.role.RoleResolver;
import dev.orgql.role.RoleView;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Bot.roles}. */
@Singleton
class BotRolesFetcher implements GatewayFetcher<CompletableFuture<List<RoleView>>> {
    private final RoleResolver roles;
    private final LogtoClient logto;

    BotRolesFetcher(RoleResolver roles, LogtoClient logto) {
        this.roles = roles;
        this.logto = logto;
    }

    @Override
    public String coordinates() {
        return "Bot.roles";
    }

    @Override
    public CompletableFuture<List<RoleView>> get(DataFetchingEnvironment env) {
        BotView bot = env.getSource();
        if (bot.embeddedRoles() == null) {
            // Refetched by id beyond the first page of its organization's list: Logto embedded no roles.
            return logto.listOrganizationApplicationRoles(bot.organizationId(), bot.id())
                    .thenCompose(held -> roles.resolve(
                            RequestContext.of(env),
                            held.stream()
                                    .map(r -> new LogtoModels.IdAndName(r.id(), r.name()))
                                    .toList(),
                            "MACHINE_TO_MACHINE"));
        }
        return roles.resolve(RequestContext.of(env), bot.embeddedRoles(), "MACHINE_TO_MACHINE");
    }
}
