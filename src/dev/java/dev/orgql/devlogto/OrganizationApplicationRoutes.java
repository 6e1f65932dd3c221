package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** Bots (machine-to-machine apps) in an organization: {@code /api/organizations/{id}/applications...} (§2.3). */
final class OrganizationApplicationRoutes {
    private static final String BASE = "/api/organizations/{id}/applications";
    private final StandInData data;
    private final Views views;

    OrganizationApplicationRoutes(StandInData data, Views views) {
        this.data = data;
        this.views = views;
    }

    void register(Router r) {
        r.get(BASE, this::list);
        r.post(BASE, req -> {
            data.addApps(req.param("id"), Body.stringArray(Body.object(req), "applicationIds", true, true));
            return Response.created();
        });
        r.put(BASE, req -> {
            data.replaceApps(req.param("id"), Body.stringArray(Body.object(req), "applicationIds", true, false));
            return Response.noContent();
        });
        r.delete(BASE + "/{appId}", req -> {
            data.removeApp(req.param("id"), req.param("appId"));
            return Response.noContent();
        });
        r.post(BASE + "/roles", req -> {
            JsonNode body = Body.object(req);
            data.assignRolesToApps(
                    req.param("id"),
                    Body.stringArray(body, "applicationIds", true, true),
                    Body.stringArray(body, "organizationRoleIds", true, true));
            return Response.created();
        });
        r.get(BASE + "/{appId}/roles", req -> {
            if (!data.isAppMember(req.param("id"), req.param("appId"))) throw ApiError.requireMembership();
            return Pagination.respond(
                    req, Pagination.Mode.OPTIONAL, data.appRoles(req.param("id"), req.param("appId")), views::role);
        });
        r.post(BASE + "/{appId}/roles", req -> {
            List<String> roleIds = Body.stringArray(Body.object(req), "organizationRoleIds", true, true);
            data.assignAppRoles(req.param("id"), req.param("appId"), roleIds);
            return Response.created();
        });
        r.put(BASE + "/{appId}/roles", req -> {
            List<String> roleIds = Body.stringArray(Body.object(req), "organizationRoleIds", true, true);
            data.replaceAppRoles(req.param("id"), req.param("appId"), roleIds);
            return Response.noContent();
        });
        r.delete(BASE + "/{appId}/roles/{roleId}", req -> {
            data.removeAppRole(req.param("id"), req.param("appId"), req.param("roleId"));
            return Response.noContent();
        });
    }

    private Response list(Request req) {
        String orgId = req.param("id");
        Pattern q = OrganizationRoutes.simpleSearch(req.query("q"));
        List<Application> rows = data.appIds(orgId).stream()
                .map(id -> data.application(id).orElseThrow())
                .filter(a -> OrganizationRoutes.matchesAny(q, a.id(), a.name(), a.description()))
                .toList();
        return Pagination.respond(req, Pagination.Mode.MANDATORY, rows, a -> {
            var n = views.application(a);
            n.set("organizationRoles", views.roleRefs(data.appRoles(orgId, a.id())));
            return n;
        });
    }
}
