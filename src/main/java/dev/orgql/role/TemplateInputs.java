package dev.orgql.role;

import dev.orgql.graphql.Inputs;
import dev.orgql.graphql.Inputs.Given;
import dev.orgql.graphql.Mutations.UserErrorException;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template mutations' input types, read by {@link Inputs}. Each compact constructor checks the
 * fields in the order Logto's body has them (name, description, type), so the first problem is the
 * one reported.
 */
final class TemplateInputs {
    private TemplateInputs() {}

    record CreateRoleInput(
            String name, String description, Given<String> type, List<String> scopeIds, String idempotencyKey) {
        CreateRoleInput {
            scopeIds = Inputs.distinct(scopeIds);
            TemplateInputs.body(new Given<>(true, name), new Given<>(description != null, description), type, true);
        }

        /** Logto's body, without the scopes. */
        Map<String, Object> body() {
            return TemplateInputs.body(
                    new Given<>(true, name), new Given<>(description != null, description), type, true);
        }
    }

    record UpdateRoleInput(String roleId, Given<String> name, Given<String> description, Given<String> type) {
        UpdateRoleInput {
            TemplateInputs.body(name, description, type, false);
        }

        Map<String, Object> body() {
            return TemplateInputs.body(name, description, type, false);
        }
    }

    record DeleteRoleInput(String roleId) {}

    record SetRoleScopesInput(String roleId, List<String> scopeIds) {
        SetRoleScopesInput {
            scopeIds = Inputs.distinct(scopeIds);
        }
    }

    record CreateScopeInput(String name, String description) {
        CreateScopeInput {
            TemplateInputs.body(new Given<>(true, name), new Given<>(description != null, description), ABSENT, true);
        }

        Map<String, Object> body() {
            return TemplateInputs.body(
                    new Given<>(true, name), new Given<>(description != null, description), ABSENT, true);
        }
    }

    record UpdateScopeInput(String scopeId, Given<String> name, Given<String> description) {
        UpdateScopeInput {
            TemplateInputs.body(name, description, ABSENT, false);
        }

        Map<String, Object> body() {
            return TemplateInputs.body(name, description, ABSENT, false);
        }
    }

    record DeleteScopeInput(String scopeId) {}

    private static final Given<String> ABSENT = new Given<>(false, null);

    /** name and description (and, for roles, type) as Logto takes them; {@code create} requires the name. */
    private static Map<String, Object> body(
            Given<String> name, Given<String> description, Given<String> type, boolean create) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (create || name.present()) {
            String text = name.value();
            if (text == null || text.isBlank() || text.length() > 128) {
                throw refusal("The name must have 1 to 128 characters.", "name");
            }
            body.put("name", text);
        }
        if (description.present()) {
            String text = description.value() == null || description.value().isEmpty() ? null : description.value();
            if (text != null && text.length() > 256) {
                throw refusal("The description is longer than 256 characters.", "description");
            }
            if (text != null || !create) {
                body.put("description", text);
            }
        }
        if (type.value() != null) {
            body.put("type", "MACHINE_TO_MACHINE".equals(type.value()) ? RoleCheck.MACHINE_TO_MACHINE : RoleCheck.USER);
        } else if (type.present()) {
            throw refusal("type cannot be null.", "type");
        }
        if (!create && body.isEmpty()) {
            throw new UserErrorException(
                    UserError.of(UserErrorCode.BAD_USER_INPUT, "Nothing to change: give at least one field.", "input"));
        }
        return body;
    }

    private static UserErrorException refusal(String message, String field) {
        return new UserErrorException(UserError.of(UserErrorCode.BAD_USER_INPUT, message, "input", field));
    }
}
