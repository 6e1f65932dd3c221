package dev.orgql.member;

import dev.orgql.graphql.OrganizationScoped;
import dev.orgql.logto.LogtoModels;
import dev.orgql.user.UserView;
import java.util.List;

/** The GraphQL {@code Member}: a user in an organization, with the role references Logto embeds. */
public record MemberView(String id, String organizationId, UserView user, List<LogtoModels.IdAndName> embeddedRoles)
        implements OrganizationScoped {

    static MemberView of(String organizationId, LogtoModels.User user) {
        return new MemberView(
                user.id(),
                organizationId,
                UserView.of(user),
                user.organizationRoles() == null ? List.of() : user.organizationRoles());
    }
}
