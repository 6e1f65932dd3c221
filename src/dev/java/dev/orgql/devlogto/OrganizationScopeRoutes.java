package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** The organization template's permissions: {@code /api/organization-scopes...} (§3.2). */
final class OrganizationScopeRoutes {
    private static final String BASE = "/api/organization-scopes";
    private final StandInData data;
    private final Views views;

    OrganizationScopeRoutes(StandInData data, Views views) {
        this.data = data;
        this.views = views;
    }

    void register(Router r) {
        r.get(BASE, req -> {
            Pattern q = OrganizationRoutes.simpleSearch(req.query("q"));
            List<OrganizationScope> rows = data.scopes().stream()
                    .filter(s -> OrganizationRoutes.matchesAny(q, s.name()))
                    .toList();
            return Pagination.respond(req, Pagination.Mode.OPTIONAL, rows, views::scope);
        });
        r.post(BASE, req -> {
            JsonNode body = Body.object(req);
            OrganizationScope s = data.createScope(
                    Body.requiredString(body, "name", 128), Body.optionalString(body, "description", 256, null));
            return Response.json(201, views.scope(s));
        });
        r.get(
                BASE + "/{id}",
                req -> Response.ok(views.scope(data.scope(req.param("id"))
                        .orElseThrow(() -> ApiError.notExistsWithId("organization_scopes", req.param("id"))))));
        r.patch(BASE + "/{id}", req -> {
            OrganizationScope s =
                    data.scope(req.param("id")).orElseThrow(() -> ApiError.notExists("organization scope"));
            JsonNode body = Body.object(req);
            String name = body.has("name") ? Body.requiredString(body, "name", 128) : s.name();
            return Response.ok(views.scope(
                    data.updateScope(s.id(), name, Body.optionalString(body, "description", 256, s.description()))));
        });
        r.delete(BASE + "/{id}", req -> {
            data.deleteScope(req.param("id"));
            return Response.noContent();
        });
    }
}
