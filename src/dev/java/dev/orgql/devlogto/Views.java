package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Entity → JSON exactly as Logto renders it (field names, order, nulls). Compare with the recordings in
 * /work/shared/logto/recorded before changing anything here.
 */
final class Views {
    static final String TENANT = "default";
    private final StandInData data;
    private final StandInOptions.Flavor flavor;

    Views(StandInData data, StandInOptions.Flavor flavor) {
        this.data = data;
        this.flavor = flavor;
    }

    ObjectNode organization(Organization o) {
        ObjectNode n = Json.object();
        n.put("tenantId", TENANT);
        n.put("id", o.id());
        n.put("name", o.name());
        n.put("description", o.description());
        n.set("customData", o.customData().deepCopy());
        n.put("isMfaRequired", o.isMfaRequired());
        n.set("color", o.color().deepCopy());
        n.set("branding", o.branding().deepCopy());
        n.put("customCss", o.customCss());
        n.put("createdAt", o.createdAt());
        return n;
    }

    /** {@code userInfo}: what organization member lists embed (no hasPassword). */
    ObjectNode userInfo(User u) {
        ObjectNode n = Json.object();
        n.put("id", u.id());
        n.put("username", u.username());
        n.put("primaryEmail", u.primaryEmail());
        n.put("primaryPhone", u.primaryPhone());
        n.put("name", u.name());
        n.put("avatar", u.avatar());
        n.set("customData", u.customData().deepCopy());
        n.set("identities", Json.object());
        if (u.lastSignInAt() == null) n.putNull("lastSignInAt");
        else n.put("lastSignInAt", u.lastSignInAt());
        n.put("createdAt", u.createdAt());
        n.put("updatedAt", u.updatedAt());
        n.set("profile", u.profile().deepCopy());
        n.put("applicationId", u.applicationId());
        n.put("isSuspended", false);
        if (flavor.usersHaveCimdClientId()) n.putNull("cimdClientId");
        return n;
    }

    /** {@code UserProfile}: GET /api/users/{id}, the user list and user creation. */
    ObjectNode userProfile(User u) {
        ObjectNode n = userInfo(u);
        n.put("hasPassword", u.hasPassword());
        return n;
    }

    ObjectNode member(String orgId, User u) {
        ObjectNode n = userInfo(u);
        n.set("organizationRoles", roleRefs(data.userRoles(orgId, u.id())));
        return n;
    }

    ArrayNode roleRefs(List<OrganizationRole> roles) {
        ArrayNode a = Json.array();
        for (OrganizationRole r : roles) a.add(Json.object().put("id", r.id()).put("name", r.name()));
        return a;
    }

    ObjectNode role(OrganizationRole r) {
        return Json.object()
                .put("tenantId", TENANT)
                .put("id", r.id())
                .put("name", r.name())
                .put("description", r.description())
                .put("type", r.type());
    }

    ObjectNode roleWithScopes(OrganizationRole r) {
        ObjectNode n = role(r);
        ArrayNode scopes = n.putArray("scopes");
        for (OrganizationScope s : data.roleScopes(r.id()))
            scopes.add(Json.object().put("id", s.id()).put("name", s.name()));
        ArrayNode resourceScopes = n.putArray("resourceScopes");
        for (ResourceScope s : data.roleResourceScopes(r.id())) {
            ObjectNode rs = Json.object().put("id", s.id()).put("name", s.name());
            data.resources().stream()
                    .filter(res -> res.id().equals(s.resourceId()))
                    .findFirst()
                    .ifPresent(res ->
                            rs.set("resource", Json.object().put("id", res.id()).put("name", res.name())));
            resourceScopes.add(rs);
        }
        return n;
    }

    ObjectNode scope(OrganizationScope s) {
        return Json.object()
                .put("tenantId", TENANT)
                .put("id", s.id())
                .put("name", s.name())
                .put("description", s.description());
    }

    ObjectNode resourceScope(ResourceScope s) {
        return Json.object()
                .put("tenantId", TENANT)
                .put("id", s.id())
                .put("resourceId", s.resourceId())
                .put("name", s.name())
                .put("description", s.description())
                .put("createdAt", s.createdAt());
    }

    ObjectNode invitation(Invitation i) {
        ObjectNode n = Json.object();
        n.put("tenantId", TENANT);
        n.put("id", i.id());
        n.put("inviterId", i.inviterId());
        n.put("invitee", i.invitee());
        n.put("acceptedUserId", i.acceptedUserId());
        n.put("organizationId", i.organizationId());
        n.put("status", i.effectiveStatus(data.now()));
        n.put("createdAt", i.createdAt());
        n.put("updatedAt", i.updatedAt());
        n.put("expiresAt", i.expiresAt());
        n.set(
                "organizationRoles",
                roleRefs(i.roleIds().stream()
                        .map(data::role)
                        .flatMap(java.util.Optional::stream)
                        .sorted(java.util.Comparator.comparing(OrganizationRole::name))
                        .toList()));
        return n;
    }

    ObjectNode application(Application a) {
        ObjectNode n = Json.object();
        n.put("tenantId", TENANT);
        n.put("id", a.id());
        n.put("name", a.name());
        n.put("description", a.description());
        n.put("type", a.type());
        ObjectNode oidc = n.putObject("oidcClientMetadata");
        oidc.putArray("redirectUris");
        oidc.putArray("postLogoutRedirectUris");
        n.set("customClientMetadata", Json.object());
        n.putNull("protectedAppMetadata");
        n.set("customData", Json.object());
        n.put("isThirdParty", a.isThirdParty());
        n.put("appLevelAccessControlEnabled", false);
        n.put("createdAt", a.createdAt());
        return n;
    }
}
