package dev.orgql.support;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Organization 1 of the 2026-12-01 recordings ({@code fixtures/v1.37.1/40a-...}, {@code fixtures/v1.42.0/40a-...}):
 * 50 members ordered by id, as both versions list them; user001-003 hold {@code admin}, everyone
 * {@code member}. WireMock then answers {@code GET /api/organizations/{id}/users} the way the given
 * Logto version does: 1.37.1 ignores {@code organizationRoleId} (recordings 40 and 41 list all 50),
 * 1.42.0 lists only the holders (3 for admin, none for an unknown id).
 */
public final class RecordedOrg {
    /** The two supported Logto versions, as the fixture folders name them. */
    public enum Version {
        V1_37_1("v1.37.1"),
        V1_42_0("v1.42.0");

        public final String folder;

        Version(String folder) {
            this.folder = folder;
        }

        public boolean honoursRoleFilter() {
            return this == V1_42_0;
        }
    }

    public final Version version;
    public final List<ObjectNode> members;
    public final String adminRoleId;
    public final String memberRoleId;

    private RecordedOrg(Version version, List<ObjectNode> members, String adminRoleId, String memberRoleId) {
        this.version = version;
        this.members = members;
        this.adminRoleId = adminRoleId;
        this.memberRoleId = memberRoleId;
    }

    public static RecordedOrg of(Version version) {
        JsonNode recorded = Fixtures.recordedBody(version.folder + "/40a-list-org1-users-unfiltered.json");
        List<ObjectNode> members = new ArrayList<>();
        recorded.forEach(member -> members.add((ObjectNode) member.deepCopy()));
        String admin = null;
        String member = null;
        for (ObjectNode user : members) {
            for (JsonNode role : user.get("organizationRoles")) {
                if (role.get("name").asText().equals("admin")) {
                    admin = role.get("id").asText();
                } else if (role.get("name").asText().equals("member")) {
                    member = role.get("id").asText();
                }
            }
        }
        return new RecordedOrg(version, members, admin, member);
    }

    /** The recorded member with this username (user001 ... user050). */
    public ObjectNode user(String username) {
        return members.stream()
                .filter(m -> m.get("username").asText().equals(username))
                .findFirst()
                .orElseThrow();
    }

    public String id(String username) {
        return user(username).get("id").asText();
    }

    /** The recorded members with these usernames, in Logto's order (by id). */
    public List<ObjectNode> only(String... usernames) {
        List<String> names = List.of(usernames);
        return members.stream()
                .filter(m -> names.contains(m.get("username").asText()))
                .toList();
    }

    public static boolean holds(JsonNode member, String roleId) {
        for (JsonNode role : member.get("organizationRoles")) {
            if (role.get("id").asText().equals(roleId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The template's roles with the recorded ids of admin and member (the recordings hold no full role
     * list of these servers: names, types and scopes are those of the default template).
     */
    public ArrayNode templateRoles() {
        ArrayNode roles = Fixtures.defaultTemplateRoles();
        roles.forEach(role -> {
            ObjectNode node = (ObjectNode) role;
            if (node.get("name").asText().equals("admin")) {
                node.put("id", adminRoleId);
            } else if (node.get("name").asText().equals("member")) {
                node.put("id", memberRoleId);
            }
        });
        return roles;
    }

    public void stubTemplate() {
        ArrayNode roles = templateRoles();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(roles, roles.size())));
    }

    /**
     * Stubs every page of {@code page_size} {@code pageSize} of the organization's member list, with the
     * filter {@code roleId} (null: without it), answered as this version answers it.
     */
    public void stubMembers(String organizationId, List<ObjectNode> all, String roleId, int pageSize) {
        stubMembers(organizationId, all, roleId, pageSize, mapping -> mapping);
    }

    public void stubMembers(
            String organizationId,
            List<ObjectNode> all,
            String roleId,
            int pageSize,
            UnaryOperator<MappingBuilder> more) {
        List<ObjectNode> listed = listed(all, roleId);
        int pages = Math.max(1, (listed.size() + pageSize - 1) / pageSize + 1);
        for (int page = 1; page <= pages; page++) {
            ArrayNode items = Fixtures.JSON.createArrayNode();
            listed.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(items::add);
            MappingBuilder mapping = WireMock.get(urlPathEqualTo("/api/organizations/" + organizationId + "/users"))
                    .withQueryParam("organizationRoleId", roleId == null ? absent() : equalTo(roleId))
                    .withQueryParam("q", absent())
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .withQueryParam("page_size", equalTo(String.valueOf(pageSize)));
            LogtoMock.stub(more.apply(mapping).willReturn(LogtoMock.page(items, listed.size())));
        }
    }

    /** What this version lists for the filter {@code roleId} (null: none) out of these members. */
    public List<ObjectNode> listed(List<ObjectNode> all, String roleId) {
        return roleId == null || !version.honoursRoleFilter()
                ? all
                : all.stream().filter(m -> holds(m, roleId)).toList();
    }

    /** One member's roles as {@code GET .../users/{userId}/roles} lists them (shape of recording 15). */
    public void stubRolesOf(String organizationId, JsonNode member) {
        ObjectNode shape = (ObjectNode) Fixtures.load("v1.37.1/15-list-user-organization-roles.json")
                .get("response")
                .get("body")
                .get(0);
        ArrayNode roles = Fixtures.JSON.createArrayNode();
        for (JsonNode ref : member.get("organizationRoles")) {
            roles.add(shape.deepCopy()
                    .put("id", ref.get("id").asText())
                    .put("name", ref.get("name").asText())
                    .putNull("description"));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + organizationId + "/users/"
                        + member.get("id").asText() + "/roles"))
                .willReturn(LogtoMock.json(roles)));
    }
}
