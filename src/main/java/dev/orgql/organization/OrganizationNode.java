package dev.orgql.organization;

import dev.orgql.graphql.NodeResolver;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Organization} by global id: as {@code Query.organization(id:)}, through the same loader. */
@Singleton
class OrganizationNode implements NodeResolver {
    @Override
    public String type() {
        return "Organization";
    }

    @Override
    public String path() {
        return "Query.organization";
    }

    @Override
    public String rawIdField() {
        return "organizationId";
    }

    @Override
    public boolean owns(Object value) {
        return value instanceof OrganizationView;
    }

    @Override
    public List<String> parts(Object value) {
        return List.of(((OrganizationView) value).id());
    }

    @Override
    public CompletableFuture<?> fetch(List<String> parts, DataFetchingEnvironment env) {
        // An unknown organization fails with Logto's 404: NOT_FOUND, as on the normal path.
        return OrganizationLoader.KEY.in(env).load(parts.get(0));
    }
}
