package dev.orgql.user;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

/** {@code Query.viewer}: the caller, who is always the token's subject and never an argument. */
@Singleton
class ViewerQuery implements GatewayFetcher<Viewer> {
    @Override
    public String coordinates() {
        return "Query.viewer";
    }

    @Override
    public Viewer get(DataFetchingEnvironment env) {
        return new Viewer(RequestContext.of(env).caller().subject());
    }
}
