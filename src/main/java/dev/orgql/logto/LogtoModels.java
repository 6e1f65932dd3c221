package dev.orgql.logto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The Management API's JSON, as far as the gateway reads it. Unknown fields are ignored: newer Logto
 * versions add fields (for example {@code cimdClientId}) and must not break the gateway.
 */
public final class LogtoModels {
    private LogtoModels() {}

    /** A role or scope as Logto embeds it in other objects: id and name only. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IdAndName(String id, String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Organization(
            String id,
            String name,
            String description,
            Map<String, Object> customData,
            @JsonProperty("isMfaRequired") boolean isMfaRequired,
            Map<String, Object> branding,
            long createdAt,
            /* Present on GET /api/users/{id}/organizations: the user's roles there. */
            List<IdAndName> organizationRoles) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(
            String id,
            String username,
            String primaryEmail,
            String primaryPhone,
            String name,
            String avatar,
            Long lastSignInAt,
            long createdAt,
            /* Present on GET /api/organizations/{id}/users. */
            List<IdAndName> organizationRoles) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Application(
            String id,
            String name,
            String description,
            String type,
            long createdAt,
            /* Present on GET /api/organizations/{id}/applications. */
            List<IdAndName> organizationRoles) {
        /** Only these can be an organization's bots. */
        public boolean isMachineToMachine() {
            return "MachineToMachine".equals(type);
        }
    }

    /** An organization role; {@code scopes} is embedded only by the role list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Role(String id, String name, String description, String type, List<IdAndName> scopes) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scope(String id, String name, String description) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Invitation(
            String id,
            String inviterId,
            String invitee,
            String acceptedUserId,
            String organizationId,
            String status,
            long createdAt,
            long updatedAt,
            long expiresAt,
            List<IdAndName> organizationRoles) {}

    /** One page of a paged list and Logto's {@code Total-Number}. */
    public record Page<T>(List<T> items, int totalCount) {}

    /** One email domain of an organization's just-in-time provisioning (recording 72), stored as sent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EmailDomain(String emailDomain) {}

    /**
     * An enterprise SSO connector, as far as the gateway reads it. The recordings list none (87-89), so the
     * fields follow Logto's OpenAPI schema; its {@code config} holds the connector's secrets and is never read.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SsoConnector(String id, String connectorName, String providerName) {}
}
