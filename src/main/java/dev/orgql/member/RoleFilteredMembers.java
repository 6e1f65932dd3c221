package dev.orgql.member;

import dev.orgql.graphql.Connections;
import dev.orgql.graphql.PagedReads;
import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoModels.Page;
import dev.orgql.logto.LogtoModels.User;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An organization's members holding one role, right on every supported Logto. Logto 1.42 filters
 * {@code GET /api/organizations/{id}/users?organizationRoleId=...}; 1.37.1 ignores the parameter and
 * lists every member (recordings 40 and 41). Both embed each member's {@code organizationRoles}, so
 * an answer is checked here: a listed member without the role shows that the filter was ignored, and
 * the members are then read whole (pages of 100) and filtered by their embedded roles.
 *
 * <p>An answer in which every listed member holds the role can come from either kind of server (on
 * 1.37.1 when the listed members happen to hold it). Where that leaves the window or its total in
 * doubt, one probe (the filter with a role id nobody holds, one row) tells the kinds apart; what it
 * says is kept for the life of the process, so on 1.42 a filtered window costs one call, as before.
 * A server that is later seen ignoring the filter is treated as such from then on.
 */
@Singleton
class RoleFilteredMembers {
    /** No Logto id has a {@code -} in this place and length; nobody can hold this role. */
    static final String PROBE_ROLE_ID = "orgql-probe-no-such-role";

    private final LogtoClient logto;
    /** Whether Logto honours {@code organizationRoleId}; null while not known. */
    private volatile Boolean honoured;

    RoleFilteredMembers(LogtoClient logto) {
        this.logto = logto;
    }

    static boolean holds(User user, String roleId) {
        return user.organizationRoles() != null
                && user.organizationRoles().stream().anyMatch(role -> roleId.equals(role.id()));
    }

    /** Forgets what was learnt about the server (tests switch Logto versions under one gateway). */
    void forget() {
        honoured = null;
    }

    /**
     * Whether a member other than {@code except} (null: anyone) holds the role, for the last-admin
     * guard. Reads pages of 100 with the filter: on 1.42 one call; on 1.37.1 the pages of all members
     * until a holder is found. Right on both without knowing which one answers: a holder listed is a
     * holder, and a page listing only holders is the filtered list or a complete one.
     */
    CompletableFuture<Boolean> anyHolder(String organizationId, String roleId, String except) {
        return scan(organizationId, roleId, except, 1, false);
    }

    private CompletableFuture<Boolean> scan(
            String organizationId, String roleId, String except, int page, boolean ignoredSeen) {
        // It decides whether a change may stand (or is undone): never from a cache.
        return logto.fresh()
                .listOrganizationUsers(organizationId, null, roleId, page, LogtoClient.MAX_PAGE_SIZE)
                .thenCompose(found -> {
                    if (found.items().stream()
                            .anyMatch(user -> holds(user, roleId) && !user.id().equals(except))) {
                        return CompletableFuture.completedFuture(true);
                    }
                    boolean ignored = ignoredSeen || found.items().stream().anyMatch(user -> !holds(user, roleId));
                    if (!ignored) {
                        // Only holders, and none but `except`: at most that one row, so the whole list.
                        return CompletableFuture.completedFuture(false);
                    }
                    honoured = false;
                    boolean more = found.items().size() == LogtoClient.MAX_PAGE_SIZE
                            && page * LogtoClient.MAX_PAGE_SIZE < found.totalCount();
                    return more
                            ? scan(organizationId, roleId, except, page + 1, true)
                            : CompletableFuture.completedFuture(false);
                });
    }

    /**
     * One window of the members holding {@code roleId} (and matching {@code search}), with the total
     * of holders. Every read goes through the request's context, keyed like the unfiltered member
     * pages, so a query listing members twice reads each page once.
     */
    CompletableFuture<Connections.Connection<User>> window(
            RequestContext context, String organizationId, String search, String roleId, Connections.Window window) {
        if (Boolean.FALSE.equals(honoured)) {
            return local(context, organizationId, search, roleId, window);
        }
        CompletableFuture<Connections.Connection<User>> filtered = PagedReads.window(
                window,
                (page, size) -> MembersPages.read(context, logto, organizationId, search, roleId, page, size)
                        .thenCompose(found -> verify(context, organizationId, roleId, page, found)));
        return filtered.exceptionallyCompose(error -> LogtoErrors.unwrapAny(error) instanceof FilterIgnored
                ? local(context, organizationId, search, roleId, window)
                : CompletableFuture.failedFuture(error));
    }

    private CompletableFuture<Page<User>> verify(
            RequestContext context, String organizationId, String roleId, int page, Page<User> found) {
        if (found.items().stream().anyMatch(user -> !holds(user, roleId))) {
            honoured = false;
            return CompletableFuture.failedFuture(new FilterIgnored());
        }
        // Only holders listed. Certain whatever the server: a first page holding the whole list, or no
        // member at all (an ignoring server then has none either).
        if (Boolean.TRUE.equals(honoured)
                || found.totalCount() == 0
                || page == 1 && found.items().size() >= found.totalCount()) {
            return CompletableFuture.completedFuture(found);
        }
        return context.read(
                        List.of("members-role-filter-probe", organizationId),
                        () -> logto.listOrganizationUsers(organizationId, null, PROBE_ROLE_ID, 1, 1))
                .thenCompose(probe -> {
                    // The organization has members (found.totalCount() > 0): an ignoring server lists one.
                    boolean filters = probe.items().isEmpty() && probe.totalCount() == 0;
                    honoured = filters;
                    return filters
                            ? CompletableFuture.completedFuture(found)
                            : CompletableFuture.<Page<User>>failedFuture(new FilterIgnored());
                });
    }

    /** Every member (pages of 100, without the ignored filter), the holders kept, the window cut here. */
    private CompletableFuture<Connections.Connection<User>> local(
            RequestContext context, String organizationId, String search, String roleId, Connections.Window window) {
        return all(context, organizationId, search, 1, new ArrayList<>())
                .thenApply(members -> Connections.slice(
                        members.stream().filter(user -> holds(user, roleId)).toList(), window));
    }

    private CompletableFuture<List<User>> all(
            RequestContext context, String organizationId, String search, int page, List<User> collected) {
        return MembersPages.read(context, logto, organizationId, search, null, page, LogtoClient.MAX_PAGE_SIZE)
                .thenCompose(found -> {
                    collected.addAll(found.items());
                    boolean more =
                            found.items().size() == LogtoClient.MAX_PAGE_SIZE && collected.size() < found.totalCount();
                    return more
                            ? all(context, organizationId, search, page + 1, collected)
                            : CompletableFuture.completedFuture(collected);
                });
    }

    /** The filter was ignored by this server: the window is made locally instead. */
    private static final class FilterIgnored extends RuntimeException {
        FilterIgnored() {
            super("organizationRoleId ignored by Logto", null, false, false);
        }
    }
}
