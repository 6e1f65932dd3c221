package dev.orgql.member;

import dev.orgql.graphql.GlobalIds;
import dev.orgql.graphql.UserError;
import java.util.List;

/** The member mutations' payload types; the changed objects are null when {@code userErrors} say why. */
final class MemberPayloads {
    private MemberPayloads() {}

    record AddMembersPayload(List<MemberView> members, List<UserError> userErrors) {
        static AddMembersPayload failed(List<UserError> errors) {
            return new AddMembersPayload(null, errors);
        }
    }

    record RemoveMemberPayload(String organizationId, String removedUserId, List<UserError> userErrors) {
        static RemoveMemberPayload failed(List<UserError> errors) {
            return new RemoveMemberPayload(null, null, errors);
        }

        /** The removed Member's global id, so that a client can drop it from its cache. */
        public String removedNodeId() {
            return removedUserId == null ? null : GlobalIds.encode("Member", organizationId, removedUserId);
        }
    }

    record AssignMemberRolesPayload(List<MemberView> members, List<UserError> userErrors) {
        static AssignMemberRolesPayload failed(List<UserError> errors) {
            return new AssignMemberRolesPayload(null, errors);
        }
    }

    record SetMemberRolesPayload(MemberView member, List<UserError> userErrors) {
        static SetMemberRolesPayload failed(List<UserError> errors) {
            return new SetMemberRolesPayload(null, errors);
        }
    }

    record RemoveMemberRolePayload(MemberView member, List<UserError> userErrors) {
        static RemoveMemberRolePayload failed(List<UserError> errors) {
            return new RemoveMemberRolePayload(null, errors);
        }
    }

    record LeaveOrganizationPayload(String organizationId, List<UserError> userErrors) {
        static LeaveOrganizationPayload failed(List<UserError> errors) {
            return new LeaveOrganizationPayload(null, errors);
        }
    }
}
