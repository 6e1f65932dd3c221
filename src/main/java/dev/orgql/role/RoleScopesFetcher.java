package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;

/** {@code Role.scopes}: from the role's embedded references, without another call. */
@Singleton
class RoleScopesFetcher implements GatewayFetcher<List<ScopeNode>> {
    @Override
    public String coordinates() {
        return "Role.scopes";
    }

    @Override
    public List<ScopeNode> get(DataFetchingEnvironment env) {
        RoleNode role = env.getSource();
        return role.scopeRefs().stream()
                .map(ref -> new ScopeNode(ref.id(), ref.name(), null, false))
                .sorted(Comparator.comparing(ScopeNode::name))
                .toList();
    }
}
