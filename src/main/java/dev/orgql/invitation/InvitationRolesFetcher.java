package dev.orgql.invitation;

import dev.orgql.graphql.GatewayFetcher;
import dev.orgql.graphql.RequestContext;
import dev.orgql.role.RoleResolver;
import dev.orgql.role.RoleView;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code Invitation.roles}. */
@Singleton
class InvitationRolesFetcher implements GatewayFetcher<CompletableFuture<List<RoleView>>> {
    private final RoleResolver roles;

    InvitationRolesFetcher(RoleResolver roles) {
        this.roles = roles;
    }

    @Override
    public String coordinates() {
        return "Invitation.roles";
    }

    @Override
    public CompletableFuture<List<RoleView>> get(DataFetchingEnvironment env) {
        InvitationView invitation = env.getSource();
        return roles.resolve(RequestContext.of(env), invitation.embeddedRoles(), "USER");
    }
}
