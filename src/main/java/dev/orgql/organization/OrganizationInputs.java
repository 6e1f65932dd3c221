package dev.orgql.organization;

import dev.orgql.graphql.Mutations.UserErrorException;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns organization inputs into Logto bodies, leaving out what the client did not send. */
final class OrganizationInputs {
    private OrganizationInputs() {
    }

    static String name(Object value) {
        if (!(value instanceof String name) || name.isBlank()) {
            throw new UserErrorException(UserError.of(UserErrorCode.BAD_USER_INPUT, "The name must not be empty.", "input", "name"));
        }
        if (name.length() > 128) {
            throw new UserErrorException(UserError.of(UserErrorCode.BAD_USER_INPUT, "The name is longer than 128 characters.", "input", "name"));
        }
        return name;
    }

    static String description(Object value) {
        String description = value == null || value.toString().isEmpty() ? null : value.toString();
        if (description != null && description.length() > 256) {
            throw new UserErrorException(UserError.of(UserErrorCode.BAD_USER_INPUT, "The description is longer than 256 characters.",
                    "input", "description"));
        }
        return description;
    }

    static Object customData(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new UserErrorException(UserError.of(UserErrorCode.BAD_USER_INPUT, "customData must be a JSON object.",
                    "input", "customData"));
        }
        return value;
    }

    static Map<String, Object> branding(Object value) {
        Map<String, Object> branding = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v != null) {
                    branding.put(k.toString(), v);
                }
            });
        }
        return branding;
    }
}
