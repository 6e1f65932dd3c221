package dev.orgql.user;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

/** {@code Query.viewer}: the caller, who is always the token's subject and never an argument. */
@Singleton
class ViewerQuery implements GatewayFetcher<ViewerNode> {
    @Override
    public String coordinates() {
        return "Query.viewer";
    }

    @Override
    public ViewerNode get(DataFetchingEnvironment env) {
        return new ViewerNode(RequestContext.of(env).caller().subject());
    }
}
