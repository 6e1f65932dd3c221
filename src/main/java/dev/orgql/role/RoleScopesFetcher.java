package dev.orgql.role;

import dev.orgql.graphql.GatewayFetcher;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/** {@code Role.scopes}: from the role's embedded references, without another call. */
@Singleton
class RoleScopesFetcher implements GatewayFetcher<List<ScopeView>> {
    @Override
    public String coordinates() {
        return "Role.scopes";
    }

    @Override
    public List<ScopeView> get(DataFetchingEnvironment env) {
        RoleView role = env.getSource();
        return role.embeddedScopes().stream()
                .map(ref -> new ScopeView(ref.id(), ref.name(), null, false))
                .sorted(Comparator.comparing(ScopeView::name))
                .toList();
    }
}
