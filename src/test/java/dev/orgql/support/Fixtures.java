package dev.orgql.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Logto bodies for WireMock, taken from the recorded exchanges (v1.37.1) and the derived examples in
 * {@code src/test/resources/fixtures}. Larger lists are made by copying a recorded item and changing
 * its ids, so every field keeps Logto's real shape.
 */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static JsonNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response body of a recorded exchange. */
    public static JsonNode recordedBody(String name) {
        return load(name).get("response").get("body");
    }

    public static ObjectNode organization(String id, String name) {
        ObjectNode org = recordedBody("10-get-organization.json").deepCopy();
        org.put("id", id).put("name", name);
        return org;
    }

    /** A member as {@code GET /api/organizations/{id}/users} lists it, with role references. */
    public static ObjectNode member(String id, String name, String... roleIdNamePairs) {
        ObjectNode user = recordedBody("17-list-organization-users-with-roles.json")
                .get(0)
                .deepCopy();
        user.put("id", id)
                .put("name", name)
                .put("username", name.toLowerCase().replace(' ', '_'))
                .put("primaryEmail", name.toLowerCase().replace(' ', '.') + "@example.com");
        ArrayNode roles = user.putArray("organizationRoles");
        for (int i = 0; i + 1 < roleIdNamePairs.length; i += 2) {
            roles.addObject().put("id", roleIdNamePairs[i]).put("name", roleIdNamePairs[i + 1]);
        }
        return user;
    }

    /** A user as {@code GET /api/users} returns it. */
    public static ObjectNode user(String id, String name) {
        ObjectNode user = load("users.list.by-ids.json").get(0).deepCopy();
        user.put("id", id)
                .put("name", name)
                .put("username", name.toLowerCase().replace(' ', '_'))
                .put("primaryEmail", name.toLowerCase().replace(' ', '.') + "@example.com");
        return user;
    }

    public static ObjectNode invitation(
            String id,
            String organizationId,
            String inviterId,
            String invitee,
            String status,
            String roleId,
            String roleName) {
        ObjectNode invitation =
                recordedBody("20-list-organization-invitations.json").get(0).deepCopy();
        invitation
                .put("id", id)
                .put("organizationId", organizationId)
                .put("inviterId", inviterId)
                .put("invitee", invitee)
                .put("status", status);
        ArrayNode roles = invitation.putArray("organizationRoles");
        if (roleId != null) {
            roles.addObject().put("id", roleId).put("name", roleName);
        }
        return invitation;
    }

    public static ObjectNode bot(String id, String name, String roleId, String roleName) {
        ObjectNode app = load("organization.applications.list.json").get(0).deepCopy();
        app.put("id", id).put("name", name);
        ArrayNode roles = app.putArray("organizationRoles");
        if (roleId != null) {
            roles.addObject().put("id", roleId).put("name", roleName);
        }
        return app;
    }

    /** The default template's roles as {@code GET /api/organization-roles} lists them (with scopes). */
    public static ArrayNode defaultTemplateRoles() {
        ArrayNode roles = JSON.createArrayNode();
        ObjectNode shape = (ObjectNode) load("organization-roles.list.json").get(0);
        roles.add(role(shape, Ids.ROLE_ADMIN, "admin", "User", Ids.ALL_SCOPES));
        roles.add(role(shape, Ids.ROLE_BOT, "bot", "MachineToMachine", new String[] {"read:data"}));
        roles.add(role(
                shape, Ids.ROLE_MEMBER, "member", "User", new String[] {"read:data", "write:data", "invite:member"}));
        return roles;
    }

    private static ObjectNode role(ObjectNode shape, String id, String name, String type, String[] scopes) {
        ObjectNode role = shape.deepCopy();
        role.put("id", id).put("name", name).put("type", type).put("description", name + " role");
        ArrayNode list = role.putArray("scopes");
        for (String scope : scopes) {
            list.addObject().put("id", Ids.scopeId(scope)).put("name", scope);
        }
        role.putArray("resourceScopes");
        return role;
    }

    public static ArrayNode defaultTemplateScopes() {
        ArrayNode scopes = JSON.createArrayNode();
        ObjectNode shape = (ObjectNode) load("organization-scopes.list.json").get(0);
        java.util.Arrays.stream(Ids.ALL_SCOPES).sorted().forEach(name -> {
            ObjectNode scope = shape.deepCopy();
            scope.put("id", Ids.scopeId(name)).put("name", name).put("description", "Allows " + name);
            scopes.add(scope);
        });
        return scopes;
    }

    /** Ids used across tests: 12-character organization and user ids, 21-character role ids, as Logto makes them. */
    public static final class Ids {
        public static final String ORG_A = "ryggecuhevx9";
        public static final String ORG_B = "k3v8q2m9x1ab";
        public static final String ALICE = "4636jsfp6sh2";
        public static final String ROLE_ADMIN = "lmqtqsf3kxxk3m88j3uuo";
        public static final String ROLE_MEMBER = "qjyzbpghsjd8xlf3enxig";
        public static final String ROLE_BOT = "7q1w9e3r5t2y8u4i6o0pa";
        public static final String[] ALL_SCOPES = {
            "read:data",
            "write:data",
            "delete:data",
            "invite:member",
            "manage:member",
            "delete:member",
            "manage:organization",
            "delete:organization"
        };

        private Ids() {}

        public static String scopeId(String name) {
            String base = name.replace(":", "").replace("-", "");
            return (base + "000000000000000000000").substring(0, 21);
        }

        /** A 12-character lowercase id such as Logto gives users. */
        public static String user(int n) {
            return String.format("u%011d", n);
        }
    }
}
