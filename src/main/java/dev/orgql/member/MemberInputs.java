package dev.orgql.member;

import dev.orgql.graphql.Inputs;
import java.util.List;

/** The member mutations' input types, read by {@link Inputs}; id lists are de-duplicated. */
final class MemberInputs {
    private MemberInputs() {}

    record AddMembersInput(String organizationId, List<String> userIds, List<String> roleIds, String idempotencyKey) {
        AddMembersInput {
            userIds = Inputs.distinct(userIds);
            roleIds = Inputs.distinct(roleIds);
        }
    }

    record RemoveMemberInput(String organizationId, String userId) {}

    record AssignMemberRolesInput(String organizationId, List<String> userIds, List<String> roleIds) {
        AssignMemberRolesInput {
            userIds = Inputs.distinct(userIds);
            roleIds = Inputs.distinct(roleIds);
        }
    }

    record SetMemberRolesInput(String organizationId, String userId, List<String> roleIds) {
        SetMemberRolesInput {
            roleIds = Inputs.distinct(roleIds);
        }
    }

    record RemoveMemberRoleInput(String organizationId, String userId, String roleId) {}

    record LeaveOrganizationInput(String organizationId) {}
}
