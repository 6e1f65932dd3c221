package dev.orgql.role;

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
    }
}
