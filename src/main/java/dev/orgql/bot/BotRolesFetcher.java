package dev.orgql.bot;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
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

    BotRolesFetcher(RoleResolver roles) {
        this.roles = roles;
    }

    @Override
    public String coordinates() {
        return "Bot.roles";
    }

    @Override
    public CompletableFuture<List<RoleView>> get(DataFetchingEnvironment env) {
        BotView bot = env.getSource();
        return roles.resolve(RequestContext.of(env), bot.embeddedRoles(), "MACHINE_TO_MACHINE");
    }
}
