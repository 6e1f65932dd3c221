package dev.orgql.member;

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

    record RemoveMemberPayload(String removedUserId, List<UserError> userErrors) {
        static RemoveMemberPayload failed(List<UserError> errors) {
            return new RemoveMemberPayload(null, errors);
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
