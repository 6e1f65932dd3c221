package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** The organization template's roles: {@code /api/organization-roles...} (§3.1). */
final class OrganizationRoleRoutes {
    private static final String BASE = "/api/organization-roles";
    private final StandInData data;
    private final Views views;

    OrganizationRoleRoutes(StandInData data, Views views) {
        this.data = data;
        this.views = views;
    }

    void register(Router r) {
        r.get(BASE, req -> {
            Pattern q = OrganizationRoutes.simpleSearch(req.query("q"));
            List<OrganizationRole> rows = data.roles().stream()
                    .filter(role -> OrganizationRoutes.matchesAny(q, role.id(), role.name(), role.description()))
                    .toList();
            return Pagination.respond(req, Pagination.Mode.MANDATORY, rows, views::roleWithScopes);
        });
        r.post(BASE, this::create);
        r.get(BASE + "/{id}", req -> Response.ok(views.role(find(req))));
        r.patch(BASE + "/{id}", this::patch);
        r.delete(BASE + "/{id}", req -> {
            data.deleteRole(req.param("id"));
            return Response.noContent();
        });

        r.get(
                BASE + "/{id}/scopes",
                req -> Pagination.respond(
                        req, Pagination.Mode.OPTIONAL, data.roleScopes(find(req).id()), views::scope));
        r.post(BASE + "/{id}/scopes", req -> {
            data.addRoleScopes(req.param("id"), Body.stringArray(Body.object(req), "organizationScopeIds", true, true));
            return Response.created();
        });
        r.put(BASE + "/{id}/scopes", req -> {
            data.replaceRoleScopes(
                    req.param("id"), Body.stringArray(Body.object(req), "organizationScopeIds", true, false));
            return Response.noContent();
        });
        r.delete(BASE + "/{id}/scopes/{scopeId}", req -> {
            data.removeRoleScope(req.param("id"), req.param("scopeId"));
            return Response.noContent();
        });

        r.get(
                BASE + "/{id}/resource-scopes",
                req -> Pagination.respond(
                        req,
                        Pagination.Mode.OPTIONAL,
                        data.roleResourceScopes(find(req).id()),
                        views::resourceScope));
        r.post(BASE + "/{id}/resource-scopes", req -> {
            data.addRoleResourceScopes(req.param("id"), Body.stringArray(Body.object(req), "scopeIds", true, true));
            return Response.created();
        });
        r.put(BASE + "/{id}/resource-scopes", req -> {
            data.replaceRoleResourceScopes(
                    req.param("id"), Body.stringArray(Body.object(req), "scopeIds", true, false));
            return Response.noContent();
        });
        r.delete(BASE + "/{id}/resource-scopes/{scopeId}", req -> {
            data.removeRoleResourceScope(req.param("id"), req.param("scopeId"));
            return Response.noContent();
        });
    }

    /** Roles use a custom finder in Logto: a missing id is entity.not_found, not not_exists_with_id. */
    private OrganizationRole find(Request req) {
        return data.role(req.param("id")).orElseThrow(ApiError::notFound);
    }

    private Response create(Request req) {
        JsonNode body = Body.object(req);
        String name = Body.requiredString(body, "name", 128);
        String description = Body.optionalString(body, "description", 256, null);
        String type = type(body, OrganizationRole.USER);
        List<String> scopeIds = Body.stringArray(body, "organizationScopeIds", false, false);
        List<String> resourceScopeIds = Body.stringArray(body, "resourceScopeIds", false, false);
        OrganizationRole role = data.createRole(
                name,
                description,
                type,
                scopeIds == null ? List.of() : scopeIds,
                resourceScopeIds == null ? List.of() : resourceScopeIds);
        return Response.json(201, views.role(role));
    }

    private Response patch(Request req) {
        OrganizationRole role = data.role(req.param("id")).orElseThrow(() -> ApiError.notExists("organization role"));
        JsonNode body = Body.object(req);
        String name = body.has("name") ? Body.requiredString(body, "name", 128) : role.name();
        String description = Body.optionalString(body, "description", 256, role.description());
        return Response.ok(views.role(data.updateRole(role.id(), name, description, type(body, role.type()))));
    }

    private static String type(JsonNode body, String fallback) {
        String type = Body.optionalString(body, "type", 64, fallback);
        if (!OrganizationRole.USER.equals(type) && !OrganizationRole.MACHINE_TO_MACHINE.equals(type)) {
            throw ApiError.guard(
                    "invalid_enum_value",
                    "Invalid enum value. Expected 'User' | 'MachineToMachine', received '" + type + "'",
                    "type");
        }
        return type;
    }
}
