package dev.orgql.organization;

import dev.orgql.graphql.Inputs.Given;
import dev.orgql.graphql.Mutations.UserErrorException;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The organization mutations' input types, read by {@link dev.orgql.graphql.Inputs}; the checks of
 * today's Logto limits run in the compact constructors, in the order of the fields.
 */
final class OrganizationInputs {
    private OrganizationInputs() {}

    /** The SDL's {@code BrandingInput}. */
    record BrandingInput(String logoUrl, String darkLogoUrl, String favicon, String darkFavicon) {
        /** Logto's {@code branding}: the URLs given, the ones left out removed. */
        Map<String, Object> body() {
            Map<String, Object> branding = new LinkedHashMap<>();
            putIfGiven(branding, "logoUrl", logoUrl);
            putIfGiven(branding, "darkLogoUrl", darkLogoUrl);
            putIfGiven(branding, "favicon", favicon);
            putIfGiven(branding, "darkFavicon", darkFavicon);
            return branding;
        }

        private static void putIfGiven(Map<String, Object> body, String key, String value) {
            if (value != null) {
                body.put(key, value);
            }
        }
    }

    /** The SDL's {@code CreateOrganizationInput}. */
    record CreateOrganizationInput(
            String name, String description, Object customData, BrandingInput branding, String idempotencyKey) {
        CreateOrganizationInput {
            name = checkName(name);
            description = checkDescription(description);
            customData = customData == null ? null : checkCustomData(customData);
        }

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (description != null) {
                body.put("description", description);
            }
            if (customData != null) {
                body.put("customData", customData);
            }
            if (branding != null) {
                body.put("branding", branding.body());
            }
            return body;
        }
    }

    /** The SDL's {@code UpdateOrganizationInput}: only what the client sent is changed. */
    record UpdateOrganizationInput(
            String organizationId,
            Given<String> name,
            Given<String> description,
            Given<Object> customData,
            Given<BrandingInput> branding,
            Given<Boolean> isMfaRequired) {
        UpdateOrganizationInput {
            if (name.present()) {
                checkName(name.value());
            }
            if (description.present()) {
                checkDescription(description.value());
            }
            if (customData.present()) {
                checkCustomData(customData.value());
            }
            if (isMfaRequired.present() && isMfaRequired.value() == null) {
                throw refusal("isMfaRequired cannot be null.", "isMfaRequired");
            }
            if (!name.present()
                    && !description.present()
                    && !customData.present()
                    && !branding.present()
                    && !isMfaRequired.present()) {
                throw new UserErrorException(UserError.of(
                        UserErrorCode.BAD_USER_INPUT,
                        "Nothing to change: give at least one of name, description, customData, branding, isMfaRequired.",
                        "input"));
            }
        }

        /** Logto's PATCH body: the fields sent; an empty description removes it. */
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (name.present()) {
                body.put("name", name.value());
            }
            if (description.present()) {
                body.put("description", checkDescription(description.value()));
            }
            if (customData.present()) {
                body.put("customData", customData.value());
            }
            if (branding.present()) {
                body.put(
                        "branding",
                        branding.value() == null
                                ? new LinkedHashMap<>()
                                : branding.value().body());
            }
            if (isMfaRequired.present()) {
                body.put("isMfaRequired", isMfaRequired.value());
            }
            return body;
        }
    }

    /** The SDL's {@code DeleteOrganizationInput}. */
    record DeleteOrganizationInput(String organizationId, String confirmName) {}

    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw refusal("The name must not be empty.", "name");
        }
        if (name.length() > 128) {
            throw refusal("The name is longer than 128 characters.", "name");
        }
        return name;
    }

    /** Null for an empty description (Logto stores none). */
    static String checkDescription(String value) {
        String description = value == null || value.isEmpty() ? null : value;
        if (description != null && description.length() > 256) {
            throw refusal("The description is longer than 256 characters.", "description");
        }
        return description;
    }

    static Object checkCustomData(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw refusal("customData must be a JSON object.", "customData");
        }
        if (((Map<?, ?>) value).containsKey(CreationKeys.CUSTOM_DATA_KEY)) {
            throw refusal(
                    "The customData key `" + CreationKeys.CUSTOM_DATA_KEY + "` is reserved for the gateway.",
                    "customData");
        }
        return value;
    }

    private static UserErrorException refusal(String message, String field) {
        return new UserErrorException(UserError.of(UserErrorCode.BAD_USER_INPUT, message, "input", field));
    }
}
