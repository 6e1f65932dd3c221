package dev.orgql.invitation;

import dev.orgql.graphql.LoaderDefinition;
import dev.orgql.graphql.LoaderKey;
import dev.orgql.graphql.ParallelBatch;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import dev.orgql.logto.LogtoModels;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/**
 * Invitations by id, once per request: the access check reads them (through {@link InvitationLookup}
 * and {@link InviteePolicy}) to find an invitation's organization and invitee, and the invitation
 * fetchers read the same copy. Unknown ids load as null.
 */
@Singleton
public class InvitationLoader implements LoaderDefinition<String, LogtoModels.Invitation> {
    public static final String NAME = "invitation";
    public static final LoaderKey<String, LogtoModels.Invitation> KEY = new LoaderKey<>(NAME);

    private final LogtoClient logto;

    InvitationLoader(LogtoClient logto) {
        this.logto = logto;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DataLoader<String, LogtoModels.Invitation> create() {
        // Logto has no batch route for invitations by id.
        return DataLoaderFactory.newDataLoaderWithTry(ParallelBatch.of(this::load));
    }

    private CompletableFuture<LogtoModels.Invitation> load(String id) {
        CompletableFuture<LogtoModels.Invitation> call;
        try {
            call = logto.getInvitation(id);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call.exceptionally(error -> {
            LogtoException e = LogtoErrors.unwrap(error);
            if (e != null && e.status() == 404) {
                return null;
            }
            throw LogtoErrors.rethrow(error);
        });
    }
}
