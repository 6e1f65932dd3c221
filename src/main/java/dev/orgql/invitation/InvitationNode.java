package dev.orgql.invitation;

import dev.orgql.graphql.NodeResolver;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Invitation} by global id: as {@code Query.invitation(id:)}, whose rule has already loaded it
 * (through the same loader) to decide who may see it.
 */
@Singleton
class InvitationNode implements NodeResolver {
    @Override
    public String type() {
        return "Invitation";
    }

    @Override
    public String path() {
        return "Query.invitation";
    }

    @Override
    public String rawIdField() {
        return "invitationId";
    }

    @Override
    public boolean owns(Object value) {
        return value instanceof InvitationView;
    }

    @Override
    public List<String> parts(Object value) {
        return List.of(((InvitationView) value).id());
    }

    @Override
    public CompletableFuture<?> fetch(List<String> parts, DataFetchingEnvironment env) {
        return Invitations.load(env, parts.get(0)).thenApply(i -> i == null ? null : InvitationView.of(i));
    }
}
