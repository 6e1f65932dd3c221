package dev.orgql.logto;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one of the gateway's own writes changed, worked out from its route (and, where the route does not
 * say, its body or answer), in this one place: {@link LogtoClient} publishes it after every write that
 * succeeded or may have been applied, and every cache hears it. Writes to routes whose data no cache
 * holds (join rules, invitation messages, new organizations) change nothing cached.
 */
final class WriteChanges {
    private static final String ORGANIZATION = "/api/organizations/{id}";
    private static final String USERS = "/api/organizations/{organizationId}/users";
    private static final String APPLICATIONS = "/api/organizations/{organizationId}/applications";

    private WriteChanges() {}

    /**
     * @param body   what was sent (a map, as LogtoClient builds them), or null
     * @param answer Logto's answer as JSON, or null when there is none (lost, or not JSON)
     */
    static List<LogtoChange> of(HttpMethod method, LogtoPath path, Object body, JsonNode answer) {
        String route = path.route();
        String organizationId = path.param("organizationId");
        List<LogtoChange> changes = new ArrayList<>(2);
        if (route.startsWith("/api/organization-roles") || route.startsWith("/api/organization-scopes")) {
            changes.add(new LogtoChange.TemplateChanged("gateway " + method + " " + route));
        } else if (route.equals(ORGANIZATION)) {
            if (method == HttpMethod.DELETE) {
                changes.add(new LogtoChange.OrganizationDeleted(path.param("id")));
            } else {
                changes.add(new LogtoChange.OrganizationChanged(path.param("id")));
            }
        } else if (route.equals(USERS)) {
            changes.add(new LogtoChange.MembershipChanged(organizationId, ids(body, "userIds"), Set.of()));
        } else if (route.equals(USERS + "/{userId}")) {
            changes.add(new LogtoChange.MembershipChanged(organizationId, Set.of(path.param("userId")), Set.of()));
        } else if (route.equals(USERS + "/roles")) {
            changes.add(new LogtoChange.MemberRolesChanged(organizationId, ids(body, "userIds")));
        } else if (route.startsWith(USERS + "/{userId}/roles")) {
            changes.add(new LogtoChange.MemberRolesChanged(organizationId, Set.of(path.param("userId"))));
        } else if (route.equals(APPLICATIONS)) {
            changes.add(new LogtoChange.MembershipChanged(organizationId, Set.of(), ids(body, "applicationIds")));
        } else if (route.equals(APPLICATIONS + "/{applicationId}")) {
            changes.add(
                    new LogtoChange.MembershipChanged(organizationId, Set.of(), Set.of(path.param("applicationId"))));
        } else if (route.equals(APPLICATIONS + "/roles")) {
            changes.add(new LogtoChange.BotRolesChanged(organizationId, ids(body, "applicationIds")));
        } else if (route.startsWith(APPLICATIONS + "/{applicationId}/roles")) {
            changes.add(new LogtoChange.BotRolesChanged(organizationId, Set.of(path.param("applicationId"))));
        } else if (route.equals("/api/organization-invitations")) {
            changes.add(new LogtoChange.InvitationsChanged(text(body, "organizationId")));
        } else if (route.equals("/api/organization-invitations/{id}/status")) {
            String invitationOrganization =
                    answer != null && answer.path("organizationId").isTextual()
                            ? answer.get("organizationId").asText()
                            : null;
            changes.add(new LogtoChange.InvitationsChanged(invitationOrganization));
            String accepted = text(body, "acceptedUserId");
            if (invitationOrganization != null && accepted != null && "Accepted".equals(text(body, "status"))) {
                // Logto made the invitee a member, with the invitation's roles.
                changes.add(new LogtoChange.MembershipChanged(invitationOrganization, Set.of(accepted), Set.of()));
            }
        }
        return changes;
    }

    private static Set<String> ids(Object body, String field) {
        if (body instanceof Map<?, ?> map && map.get(field) instanceof Collection<?> values) {
            Set<String> ids = new LinkedHashSet<>();
            values.forEach(value -> ids.add(String.valueOf(value)));
            return Set.copyOf(ids);
        }
        return Set.of();
    }

    private static String text(Object body, String field) {
        return body instanceof Map<?, ?> map && map.get(field) instanceof String value ? value : null;
    }
}
