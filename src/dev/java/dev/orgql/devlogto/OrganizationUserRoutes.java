package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Members of an organization and their roles and scopes: {@code /api/organizations/{id}/users...} (§2.1, §2.2). */
final class OrganizationUserRoutes {
    private static final String BASE = "/api/organizations/{id}/users";
    private final StandInData data;
    private final Views views;
    private final StandInOptions.Flavor flavor;

    OrganizationUserRoutes(StandInData data, Views views, StandInOptions.Flavor flavor) {
        this.data = data;
        this.views = views;
        this.flavor = flavor;
    }

    void register(Router r) {
        r.get(BASE, this::list);
        r.post(BASE, this::add);
        r.put(BASE, req -> {
            data.replaceMembers(req.param("id"), Body.stringArray(Body.object(req), "userIds", true, false));
            return Response.noContent();
        });
        r.delete(BASE + "/{userId}", req -> {
            data.removeMember(req.param("id"), req.param("userId"));
            return Response.noContent();
        });
        r.post(BASE + "/roles", req -> {
            JsonNode body = Body.object(req);
            data.assignRolesToUsers(
                    req.param("id"),
                    Body.stringArray(body, "userIds", true, true),
                    Body.stringArray(body, "organizationRoleIds", true, true));
            return Response.created();
        });
        r.get(BASE + "/{userId}/roles", req -> {
            data.requireMember(req.param("id"), req.param("userId"));
            return Pagination.respond(
                    req, Pagination.Mode.OPTIONAL, data.userRoles(req.param("id"), req.param("userId")), views::role);
        });
        r.post(BASE + "/{userId}/roles", this::assignRoles);
        r.put(BASE + "/{userId}/roles", req -> {
            data.requireMember(req.param("id"), req.param("userId"));
            data.replaceUserRoles(req.param("id"), req.param("userId"), roleIds(Body.object(req)));
            return Response.noContent();
        });
        r.delete(BASE + "/{userId}/roles/{roleId}", req -> {
            data.removeUserRole(req.param("id"), req.param("userId"), req.param("roleId"));
            return Response.noContent();
        });
        // Not behind Logto's membership middleware: a non-member simply has no scopes.
        r.get(
                BASE + "/{userId}/scopes",
                req -> Response.ok(Json.array(data.userScopes(req.param("id"), req.param("userId")).stream()
                        .map(views::scope)
                        .toList())));
    }

    private Response list(Request req) {
        String orgId = req.param("id");
        Pattern q = OrganizationRoutes.simpleSearch(req.query("q"));
        // v1.37.1's route guard has no organizationRoleId, so it is dropped and every member is listed (recording
        // 40/41).
        // 1.42.0 guards it as a non-empty string and filters with EXISTS on the role relation (unknown id: none).
        String roleId = flavor.filtersMembersByRole() ? req.query("organizationRoleId") : null;
        if (roleId != null && roleId.isEmpty())
            throw ApiError.bound(
                    true, "string", 1, "String must contain at least 1 character(s)", "organizationRoleId");
        List<User> rows = new ArrayList<>();
        for (String userId : data.memberIds(orgId)) {
            User u = data.user(userId).orElseThrow();
            if (!OrganizationRoutes.matchesAny(q, u.id(), u.primaryEmail(), u.primaryPhone(), u.username(), u.name()))
                continue;
            if (roleId != null
                    && data.userRoles(orgId, userId).stream()
                            .noneMatch(role -> role.id().equals(roleId))) continue;
            rows.add(u);
        }
        return Pagination.respond(req, Pagination.Mode.MANDATORY, rows, u -> views.member(orgId, u));
    }

    private Response add(Request req) {
        List<String> userIds = Body.stringArray(Body.object(req), "userIds", true, true);
        data.addMembers(req.param("id"), userIds);
        if (!flavor.relationPostsAnswerJson()) return Response.created();
        var body = Json.object();
        userIds.forEach(body.putArray("userIds")::add);
        return Response.json(201, body);
    }

    private Response assignRoles(Request req) {
        data.requireMember(req.param("id"), req.param("userId"));
        List<String> ids = roleIds(Body.object(req));
        data.assignUserRoles(req.param("id"), req.param("userId"), ids);
        if (!flavor.relationPostsAnswerJson()) return Response.created();
        var body = Json.object();
        ids.forEach(body.putArray("organizationRoleIds")::add);
        return Response.json(201, body);
    }

    /** {@code organizationRoleIds} and {@code organizationRoleNames} merged and de-duplicated (both optional). */
    private List<String> roleIds(JsonNode body) {
        List<String> ids = Body.stringArray(body, "organizationRoleIds", false, false);
        List<String> names = Body.stringArray(body, "organizationRoleNames", false, false);
        LinkedHashSet<String> all = new LinkedHashSet<>(ids == null ? List.of() : ids);
        if (names != null && !names.isEmpty()) all.addAll(data.roleIdsByNames(names));
        return List.copyOf(all);
    }
}
