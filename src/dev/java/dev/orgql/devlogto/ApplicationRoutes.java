package dev.orgql.devlogto;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** {@code /api/applications...} (§6): get, the searchable list, an app's organizations. */
final class ApplicationRoutes {
    private final StandInData data;
    private final Views views;
    private final AdvancedSearch<Application> search;

    ApplicationRoutes(StandInData data, Views views) {
        this.data = data;
        this.views = views;
        Map<String, Function<Application, String>> fields = new LinkedHashMap<>();
        fields.put("id", Application::id);
        fields.put("name", Application::name);
        fields.put("description", Application::description);
        this.search = new AdvancedSearch<>(fields);
    }

    void register(Router r) {
        r.get("/api/applications", this::list);
        r.get("/api/applications/{id}", req -> {
            Application a = data.application(req.param("id"))
                    .orElseThrow(() -> ApiError.notExistsWithId("applications", req.param("id")));
            return Response.ok(views.application(a).put("isAdmin", false));
        });
        r.get("/api/applications/{id}/organizations", req -> {
            Application a = data.application(req.param("id")).orElseThrow(ApiError::notFound);
            List<Organization> orgs = data.appOrganizationIds(a.id()).stream()
                    .map(id -> data.organization(id).orElseThrow())
                    .toList();
            return Pagination.respond(req, Pagination.Mode.OPTIONAL, orgs, o -> {
                var n = views.organization(o);
                n.set("organizationRoles", views.roleRefs(data.appRoles(o.id(), a.id())));
                return n;
            });
        });
    }

    private Response list(Request req) {
        List<String> types = req.queryAll("types");
        String thirdParty = req.query("isThirdParty");
        String excludeOrg = req.query("excludeOrganizationId");
        Predicate<Application> matches = search.parse(req);
        List<Application> rows = data.applications().stream()
                .filter(matches)
                .filter(a -> types.isEmpty() || types.contains(a.type()))
                .filter(a -> thirdParty == null || Boolean.parseBoolean(thirdParty) == a.isThirdParty())
                .filter(a -> excludeOrg == null || !data.isAppMember(excludeOrg, a.id()))
                .sorted(Comparator.comparingLong(Application::createdAt).reversed())
                .toList();
        return Pagination.respond(req, Pagination.Mode.OPTIONAL, rows, views::application);
    }
}
