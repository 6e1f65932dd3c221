package dev.orgql.invitation;

import dev.orgql.access.AccessPolicy;
import dev.orgql.access.Loaders;
import dev.orgql.auth.Caller;
import dev.orgql.logto.LogtoModels;
import dev.orgql.user.UserLoader;
import dev.orgql.user.UserView;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.dataloader.DataLoader;

/**
 * {@code @requiresScope(policy: "invitee")}: admits the invitation's invitee, a signed-in user whose
 * primary email equals the invitation's {@code invitee} address, compared case-insensitively.
 */
@Singleton
class InviteePolicy implements AccessPolicy {
    @Override
    public String name() {
        return "invitee";
    }

    @Override
    public String resourceKind() {
        return "invitation";
    }

    @Override
    public String admits() {
        return "its invitee (the signed-in user whose primary email is the invitation's address)";
    }

    @Override
    public String alternative() {
        return "being its invitee";
    }

    @Override
    public CompletableFuture<Predicate<Object>> prepare(Caller caller, Loaders loaders) {
        if (caller == null || !caller.isUser()) {
            return CompletableFuture.completedFuture(invitation -> false);
        }
        DataLoader<String, UserView> users = loaders.get(UserLoader.NAME);
        return users.load(caller.subject())
                .thenApply(user -> invitation -> isInvitee(user, (LogtoModels.Invitation) invitation));
    }

    private static boolean isInvitee(UserView user, LogtoModels.Invitation invitation) {
        return invitation.invitee() != null
                && user != null
                && user.primaryEmail() != null
                && user.primaryEmail().equalsIgnoreCase(invitation.invitee());
    }
}
