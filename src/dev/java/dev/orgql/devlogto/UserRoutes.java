package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** {@code /api/users...} (§5): get, create, the advanced-search list, a user's organizations. */
final class UserRoutes {
    private final StandInData data;
    private final Views views;
    private final AdvancedSearch<User> search;

    UserRoutes(StandInData data, Views views) {
        this.data = data;
        this.views = views;
        Map<String, Function<User, String>> fields = new LinkedHashMap<>();
        fields.put("id", User::id);
        fields.put("primary_email", User::primaryEmail);
        fields.put("primary_phone", User::primaryPhone);
        fields.put("username", User::username);
        fields.put("name", User::name);
        this.search = new AdvancedSearch<>(fields);
    }

    void register(Router r) {
        r.get("/api/users", this::list);
        r.post("/api/users", this::create);
        r.get("/api/users/{userId}", req -> Response.ok(views.userProfile(find(req))));
        r.delete("/api/users/{userId}", req -> {
            data.deleteUser(find(req).id()); // recordings 60, 60a: 204, then GET 404 entity.not_found
            return Response.noContent();
        });
        r.get("/api/users/{userId}/organizations", req -> {
            User u = find(req);
            return Response.ok(Json.array(data.userOrganizationIds(u.id()).stream()
                    .map(orgId -> {
                        var n = views.organization(data.organization(orgId).orElseThrow());
                        n.set("organizationRoles", views.roleRefs(data.userRoles(orgId, u.id())));
                        return n;
                    })
                    .toList()));
        });
    }

    private User find(Request req) {
        return data.user(req.param("userId")).orElseThrow(ApiError::notFound);
    }

    private Response list(Request req) {
        if (req.query("excludeRoleId") != null && req.query("excludeOrganizationId") != null) {
            throw ApiError.invalidInput(400, "`excludeRoleId` and `excludeOrganizationId` cannot be used together.");
        }
        Predicate<User> matches = search.parse(req);
        String excludeOrg = req.query("excludeOrganizationId");
        // createdAt desc; rows created in the same millisecond: the later insert first, as a stable tie-break.
        List<User> inserted = new java.util.ArrayList<>(data.users());
        java.util.Collections.reverse(inserted);
        List<User> rows = inserted.stream()
                .filter(matches)
                .filter(u -> excludeOrg == null || !data.isMember(excludeOrg, u.id()))
                .sorted(Comparator.comparingLong(User::createdAt).reversed())
                .toList();
        return Pagination.respond(req, Pagination.Mode.MANDATORY, rows, views::userProfile);
    }

    /** Logto answers user creation with 200, not 201 (recorded/v1.37.1/11-create-user.json). */
    private Response create(Request req) {
        JsonNode body = Body.object(req);
        String username = Body.optionalString(body, "username", 128, null);
        String email = Body.optionalString(body, "primaryEmail", 128, null);
        if (email != null && !StandInData.isEmail(email))
            throw ApiError.guard("invalid_string", "Invalid", "primaryEmail");
        String phone = Body.optionalString(body, "primaryPhone", 128, null);
        String name = Body.optionalString(body, "name", 128, null);
        String avatar = Body.optionalString(body, "avatar", 2048, null);
        boolean hasPassword = Body.optionalString(body, "password", 256, null) != null;
        return Response.ok(views.userProfile(data.createUser(username, email, phone, name, avatar, hasPassword)));
    }
}
