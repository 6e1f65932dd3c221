package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Logto's anonymous {@code /api} routes that say something about the server (recordings 57, 57a, 57b): neither
 * version reports its version number. {@code /api/status} is 204 without a body, and both OpenAPI documents
 * carry {@code info.version: "Cloud"}. The documents here hold only {@code openapi}, {@code info} and empty
 * {@code paths}: the recordings keep only {@code info}, and the gateway must not depend on the rest.
 */
final class StatusRoutes {
    private static final Set<String> ANONYMOUS =
            Set.of("/api/status", "/api/swagger.json", "/api/.well-known/management.openapi.json");

    /** These are on Logto's anonymous router: no Management API token is needed. */
    static boolean isAnonymous(String path) {
        return ANONYMOUS.contains(path);
    }

    void register(Router r) {
        r.get("/api/status", req -> Response.noContent());
        r.get("/api/swagger.json", req -> Response.ok(document()));
        r.get("/api/.well-known/management.openapi.json", req -> Response.ok(document()));
    }

    private static ObjectNode document() {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.1");
        doc.set(
                "info",
                Json.object()
                        .put("title", "Logto API references")
                        .put("description", "API references for Logto services.")
                        .put("version", "Cloud"));
        doc.set("paths", Json.object());
        return doc;
    }
}
