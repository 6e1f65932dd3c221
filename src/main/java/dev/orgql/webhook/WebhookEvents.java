package dev.orgql.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.logto.LogtoChange;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Logto webhook payload as the {@link LogtoChange} it reports. The shapes are those of the
 * recorded deliveries of v1.37.1 and v1.42.0 (recorded/webhooks/): deletes carry only {@code params.id},
 * {@code Organization.Membership.Updated} names who joined or left only on v1.42.0 (and in a DELETE's
 * {@code params}), and events the gateway caches nothing for ({@code PostSignIn}, {@code User.Created},
 * {@code Organization.Created}, ...) change nothing.
 */
final class WebhookEvents {
    private WebhookEvents() {}

    static Optional<LogtoChange> changeOf(JsonNode payload) {
        String event = text(payload, "event");
        if (event == null) {
            return Optional.empty();
        }
        if (event.startsWith("OrganizationRole.") || event.startsWith("OrganizationScope.")) {
            return Optional.of(new LogtoChange.TemplateChanged(event));
        }
        return switch (event) {
            case "Organization.Data.Updated" -> idOf(payload).map(LogtoChange.OrganizationChanged::new);
            case "Organization.Deleted" -> idOf(payload).map(LogtoChange.OrganizationDeleted::new);
            case "Organization.Membership.Updated" -> membership(payload);
            case "User.Data.Updated", "User.SuspensionStatus.Updated" ->
                userIdOf(payload).map(id -> new LogtoChange.UserChanged(id, false));
            case "User.Deleted" -> userIdOf(payload).map(id -> new LogtoChange.UserChanged(id, true));
            default -> Optional.empty();
        };
    }

    private static Optional<LogtoChange> membership(JsonNode payload) {
        String organizationId = text(payload, "organizationId");
        if (organizationId == null) {
            organizationId = text(payload.path("params"), "id");
        }
        if (organizationId == null) {
            return Optional.empty();
        }
        Set<String> users = ids(payload, "addedUserIds", "removedUserIds");
        Set<String> applications = ids(payload, "addedApplicationIds", "removedApplicationIds");
        // v1.37.1 names the one removed in a DELETE's path only (…/users/:userId, …/applications/:applicationId).
        String userId = text(payload.path("params"), "userId");
        if (userId != null) {
            users.add(userId);
        }
        String applicationId = text(payload.path("params"), "applicationId");
        if (applicationId != null) {
            applications.add(applicationId);
        }
        return Optional.of(
                new LogtoChange.MembershipChanged(organizationId, Set.copyOf(users), Set.copyOf(applications)));
    }

    /**
     * The user's id: user routes name it {@code params.userId} (both versions); a custom-data or profile
     * update's {@code data} is the custom data or the profile, not the user, so its {@code data.id} is absent.
     */
    private static Optional<String> userIdOf(JsonNode payload) {
        String id = text(payload.path("params"), "userId");
        return id != null ? Optional.of(id) : idOf(payload);
    }

    /** The entity's id: in {@code data} for updates, only in {@code params} for deletes. */
    private static Optional<String> idOf(JsonNode payload) {
        String id = text(payload.path("data"), "id");
        return Optional.ofNullable(id != null ? id : text(payload.path("params"), "id"));
    }

    private static Set<String> ids(JsonNode payload, String... fields) {
        Set<String> ids = new LinkedHashSet<>();
        for (String field : fields) {
            for (JsonNode id : payload.path(field)) {
                if (id.isTextual()) {
                    ids.add(id.asText());
                }
            }
        }
        return ids;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
