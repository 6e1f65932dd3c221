package dev.orgql.role;

import dev.orgql.graphql.GlobalIds;
import dev.orgql.graphql.UserError;
import java.util.List;

/** The template mutations' payload types; the changed object is null when {@code userErrors} say why. */
final class TemplatePayloads {
    private TemplatePayloads() {}

    record RolePayload(RoleView role, List<UserError> userErrors) {
        static RolePayload failed(List<UserError> errors) {
            return new RolePayload(null, errors);
        }
    }

    record DeleteRolePayload(String deletedRoleId, List<UserError> userErrors) {
        static DeleteRolePayload failed(List<UserError> errors) {
            return new DeleteRolePayload(null, errors);
        }

        /** The deleted Role's global id, so that a client can drop it from its cache. */
        public String deletedNodeId() {
            return deletedRoleId == null ? null : GlobalIds.encode("Role", deletedRoleId);
        }
    }

    record ScopePayload(ScopeView scope, List<UserError> userErrors) {
        static ScopePayload failed(List<UserError> errors) {
            return new ScopePayload(null, errors);
        }
    }

    record DeleteScopePayload(String deletedScopeId, List<UserError> userErrors) {
        static DeleteScopePayload failed(List<UserError> errors) {
            return new DeleteScopePayload(null, errors);
        }

        /** The deleted Scope's global id, so that a client can drop it from its cache. */
        public String deletedNodeId() {
            return deletedScopeId == null ? null : GlobalIds.encode("Scope", deletedScopeId);
        }
    }
}
