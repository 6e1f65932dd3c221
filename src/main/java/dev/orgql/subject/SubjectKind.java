package dev.orgql.subject;

import dev.orgql.graphql.UserError;
import dev.orgql.logto.LogtoException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What differs between the two kinds of subject an organization holds, users (members) and
 * machine-to-machine applications (bots): the Logto routes, the role type they take, the input field
 * naming them. {@link SubjectMutations} does the rest once for both.
 *
 * @param <V> the GraphQL object a subject is read back as ({@code Member}, {@code Bot})
 */
public interface SubjectKind<V> {
    /** The role type the subjects take ({@code RoleCheck.USER} or {@code RoleCheck.MACHINE_TO_MACHINE}). */
    String roleType();

    /** The input field listing the subjects, for example {@code userIds}. */
    String idsField();

    /** What the ids are, for messages, for example {@code user ids}. */
    String noun();

    /** Checks made before anything is added (none by default); fails with a user error. */
    default CompletableFuture<Void> checkAddable(List<String> ids) {
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> add(String organizationId, List<String> ids);

    /** The ids among these that are not yet in the organization. */
    CompletableFuture<List<String>> outside(String organizationId, List<String> ids);

    CompletableFuture<Void> assignRoles(String organizationId, List<String> ids, List<String> roleIds);

    CompletableFuture<Void> remove(String organizationId, String id);

    /** Replaces one subject's roles (with whatever guard or work-around the kind needs); fails with a user error. */
    CompletableFuture<Void> replaceRoles(String organizationId, String id, List<String> roleIds);

    /** After the subject's roles in the organization changed (members: their cached live scopes). */
    default void changed(String organizationId, String id) {}

    /** The user error for Logto's refusal of adding (null: the default translation). */
    default UserError addRefusal(LogtoException e) {
        return null;
    }

    /** The user error for Logto's refusal of the bulk role assignment (null: the default translation). */
    default UserError assignRefusal(LogtoException e) {
        return null;
    }

    /** Reads the subjects back with their roles, in the order of {@code ids} (see {@link SubjectReads}). */
    CompletableFuture<List<V>> read(String organizationId, List<String> ids);
}
