package dev.orgql.organization;

import dev.orgql.graphql.GatewayFetcher;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

/** {@code Query.organization(id)}. */
@Singleton
class OrganizationQuery implements GatewayFetcher<CompletableFuture<OrganizationNode>> {
    @Override
    public String coordinates() {
        return "Query.organization";
    }

    @Override
    public CompletableFuture<OrganizationNode> get(DataFetchingEnvironment env) {
        return env.<String, OrganizationNode>getDataLoader(OrganizationLoader.NAME).load(env.getArgument("id"));
    }
}
