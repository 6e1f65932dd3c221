package dev.orgql.member;

import dev.orgql.graphql.RequestContext;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels.Page;
import dev.orgql.logto.LogtoModels.User;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One page of an organization's member list, read once per request whoever asks for it. */
final class MembersPages {
    private MembersPages() {}

    static CompletableFuture<Page<User>> read(
            RequestContext context,
            LogtoClient logto,
            String organizationId,
            String search,
            String roleId,
            int page,
            int size) {
        return context.read(
                List.of("members", organizationId, String.valueOf(search), String.valueOf(roleId), page, size),
                () -> logto.listOrganizationUsers(organizationId, search, roleId, page, size));
    }
}
