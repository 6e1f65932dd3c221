package dev.orgql.invitation;

import dev.orgql.access.Loaders;
import dev.orgql.access.ResourceLookup;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/** Finds the invitation a field's {@code invitationArgument} names, so its access is checked in its organization. */
@Singleton
class InvitationLookup implements ResourceLookup {
    @Override
    public String kind() {
        return "invitation";
    }

    @Override
    public CompletableFuture<Resource> find(String id, Loaders loaders) {
        DataLoader<String, LogtoModels.Invitation> invitations = loaders.get(InvitationLoader.NAME);
        return invitations
                .load(id)
                .thenApply(invitation ->
                        invitation == null ? null : new Resource(invitation.organizationId(), invitation));
    }
}
