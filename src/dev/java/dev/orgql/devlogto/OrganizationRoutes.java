package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code /api/organizations} itself: list, get, create, PATCH, DELETE (management-api.md §2). */
final class OrganizationRoutes {
    private final StandInData data;
    private final Views views;

    OrganizationRoutes(StandInData data, Views views) {
        this.data = data;
        this.views = views;
    }

    void register(Router r) {
        r.get("/api/organizations", this::list);
        r.post("/api/organizations", this::create);
        r.get("/api/organizations/{id}", req -> Response.ok(views.organization(find(req.param("id")))));
        r.patch("/api/organizations/{id}", this::patch);
        r.delete("/api/organizations/{id}", req -> {
            data.deleteOrganization(req.param("id"));
            return Response.noContent();
        });
    }

    private Organization find(String id) {
        return data.organization(id).orElseThrow(() -> ApiError.notExistsWithId("organizations", id));
    }

    private Response list(Request req) {
        Pattern q = simpleSearch(req.query("q"));
        List<Organization> rows = data.organizations().stream()
                .filter(o -> q == null
                        || q.matcher(o.id()).matches()
                        || q.matcher(o.name()).matches())
                .toList();
        boolean featured = isTruthy(req.query("showFeatured"));
        return Pagination.respond(req, Pagination.Mode.MANDATORY, rows, o -> {
            var n = views.organization(o);
            if (featured) {
                List<String> members = data.memberIds(o.id());
                n.put("usersCount", members.size());
                var fu = n.putArray("featuredUsers");
                members.stream()
                        .limit(3)
                        .map(id -> data.user(id).orElseThrow())
                        .forEach(u -> fu.add(Json.object()
                                .put("id", u.id())
                                .put("avatar", u.avatar())
                                .put("name", u.name())));
            }
            return n;
        });
    }

    private Response create(Request req) {
        JsonNode body = Body.object(req);
        String name = Body.requiredString(body, "name", 128);
        String description = Body.optionalString(body, "description", 256, null);
        JsonNode customData = Body.optionalObject(body, "customData");
        Organization o = data.createOrganization(name, description, Json.copyObject(customData));
        o = data.putOrganization(apply(o, body));
        return Response.json(201, views.organization(o));
    }

    private Response patch(Request req) {
        Organization o = data.organization(req.param("id")).orElseThrow(() -> ApiError.notExists("organization"));
        JsonNode body = Body.object(req);
        String name = body.has("name") ? Body.requiredString(body, "name", 128) : o.name();
        String description = Body.optionalString(body, "description", 256, o.description());
        JsonNode customData = Body.optionalObject(body, "customData");
        // customData is replaced wholesale, as Logto's jsonb update does.
        Organization updated = new Organization(
                o.id(),
                name,
                description,
                customData != null ? Json.copyObject(customData) : o.customData(),
                o.isMfaRequired(),
                o.color(),
                o.branding(),
                o.customCss(),
                o.createdAt());
        return Response.ok(views.organization(data.putOrganization(apply(updated, body))));
    }

    /** The less common optional fields shared by create and PATCH. */
    private static Organization apply(Organization o, JsonNode body) {
        Boolean mfa = Body.optionalBoolean(body, "isMfaRequired");
        JsonNode color = Body.optionalObject(body, "color");
        JsonNode branding = Body.optionalObject(body, "branding");
        String css = Body.optionalString(body, "customCss", Integer.MAX_VALUE, o.customCss());
        return new Organization(
                o.id(),
                o.name(),
                o.description(),
                o.customData(),
                mfa != null ? mfa : o.isMfaRequired(),
                color != null ? Json.copyObject(color) : o.color(),
                branding != null ? Json.copyObject(branding) : o.branding(),
                css,
                o.createdAt());
    }

    /**
     * Logto's {@code q}. Verified in the source of both 1.37.1 and 1.42.0: {@code utils/search.ts}
     * {@code parseSearchOptions} takes {@code q} as is (an empty q means no search), and
     * {@code database/utils.ts} {@code buildSearchSql} binds {@code `%${keyword}%`} as the value of
     * {@code <field> ilike $1} for each search field, joined by {@code or}. Nothing is escaped, so the caller's
     * '%' and '_' stay wildcards (recordings 42-45) and a backslash is PostgreSQL's default LIKE escape: {@code \%}
     * and {@code \_} match themselves, {@code \\} a backslash. A trailing backslash escapes the closing '%', so
     * {@code q=a\} means "ends with {@code a%}". Null = no filter.
     */
    static Pattern simpleSearch(String q) {
        if (q == null || q.isEmpty()) return null;
        return Pattern.compile(
                AdvancedSearch.likeToRegex("%" + q + "%"),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    static boolean matchesAny(Pattern q, String... values) {
        if (q == null) return true;
        for (String v : values) if (v != null && q.matcher(v).matches()) return true;
        return false;
    }

    static boolean isTruthy(String v) {
        return v != null && List.of("1", "true", "y", "yes", "yep", "yeah").contains(v.toLowerCase(Locale.ROOT));
    }
}
