package dev.orgql.member;

import dev.orgql.graphql.OrganizationScoped;
import dev.orgql.logto.LogtoModels;
import dev.orgql.user.UserNode;

import java.util.List;

/** The GraphQL {@code Member}: a user in an organization, with the role references Logto embeds. */
public record MemberView(String id, String organizationId, UserNode user, List<LogtoModels.IdAndName> embeddedRoles)
        implements OrganizationScoped {

    static MemberView of(String organizationId, LogtoModels.User user) {
        return new MemberView(user.id(), organizationId, UserNode.of(user),
                user.organizationRoles() == null ? List.of() : user.organizationRoles());
    }
}
