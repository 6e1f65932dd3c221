package dev.orgql.organization;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.Prefetcher;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** {@code Query.organization(id)}; the organization's lists start loading alongside it. */
@Singleton
class OrganizationQuery implements GatewayFetcher<CompletableFuture<OrganizationView>> {
    private final Prefetcher prefetcher;

    OrganizationQuery(Prefetcher prefetcher) {
        this.prefetcher = prefetcher;
    }

    @Override
    public String coordinates() {
        return "Query.organization";
    }

    @Override
    public CompletableFuture<OrganizationView> get(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        prefetcher.start(env, id);
        return OrganizationLoader.KEY.in(env).load(id);
    }
}
