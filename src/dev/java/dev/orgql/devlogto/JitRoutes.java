package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Just-in-time provisioning settings of an organization: {@code /api/organizations/{id}/jit/...} (recordings
 * 70-92b, the same on 1.37.1 and 1.42.0), and the tenant's SSO connector list. The stand-in only stores them:
 * like Logto's Management API (recording 90), creating a user never provisions anyone; Logto does that only in
 * its sign-in flows, which the stand-in does not have.
 */
final class JitRoutes {
    private static final String BASE = "/api/organizations/{id}/jit";
    private final StandInData data;
    private final Views views;

    JitRoutes(StandInData data, Views views) {
        this.data = data;
        this.views = views;
    }

    void register(Router r) {
        r.get(
                BASE + "/email-domains",
                req -> Pagination.respond(
                        req,
                        Pagination.Mode.OPTIONAL,
                        data.jitEmailDomains(req.param("id")),
                        domain -> emailDomain(req.param("id"), domain)));
        r.post(BASE + "/email-domains", req -> {
            String domain = Body.requiredString(Body.object(req), "emailDomain", Integer.MAX_VALUE);
            data.addJitEmailDomain(req.param("id"), domain);
            return Response.json(201, emailDomain(req.param("id"), domain));
        });
        r.put(BASE + "/email-domains", req -> {
            JsonNode body = Body.object(req);
            // Logto's guard is z.string().array(): empty strings pass here (only POST checks min(1)).
            JsonNode list = body.get("emailDomains");
            if (list == null || !list.isArray()) {
                throw ApiError.guard(
                        "invalid_type",
                        list == null ? "Required" : "Expected array, received " + Body.type(list),
                        "emailDomains");
            }
            List<String> domains = new java.util.ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    throw ApiError.guard(
                            "invalid_type",
                            "Expected string, received " + Body.type(list.get(i)),
                            "emailDomains",
                            String.valueOf(i));
                }
                domains.add(list.get(i).asText());
            }
            data.replaceJitEmailDomains(req.param("id"), domains);
            return Response.noContent();
        });
        r.delete(BASE + "/email-domains/{emailDomain}", req -> {
            data.removeJitEmailDomain(req.param("id"), req.param("emailDomain"));
            return Response.noContent();
        });

        // Relation routes, as Logto's SchemaRouter builds them: POST answers 201 text on every version.
        r.get(
                BASE + "/roles",
                req -> Pagination.respond(req, Pagination.Mode.OPTIONAL, data.jitRoles(req.param("id")), views::role));
        r.post(BASE + "/roles", req -> {
            data.addJitRoles(req.param("id"), Body.stringArray(Body.object(req), "organizationRoleIds", true, true));
            return Response.created();
        });
        r.put(BASE + "/roles", req -> {
            data.replaceJitRoles(
                    req.param("id"), Body.stringArray(Body.object(req), "organizationRoleIds", true, false));
            return Response.noContent();
        });
        r.delete(BASE + "/roles/{roleId}", req -> {
            data.removeJitRole(req.param("id"), req.param("roleId"));
            return Response.noContent();
        });

        // The stand-in has no SSO connectors, so every connector id is a missing foreign key (recording 89).
        r.get(
                BASE + "/sso-connectors",
                req -> Pagination.respond(req, Pagination.Mode.OPTIONAL, List.<JsonNode>of(), n -> n));
        r.post(BASE + "/sso-connectors", req -> {
            Body.stringArray(Body.object(req), "ssoConnectorIds", true, true);
            throw ApiError.foreignKeyNotFound();
        });
        r.put(BASE + "/sso-connectors", req -> {
            if (!Body.stringArray(Body.object(req), "ssoConnectorIds", true, false)
                    .isEmpty()) throw ApiError.foreignKeyNotFound();
            return Response.noContent();
        });
        r.delete(BASE + "/sso-connectors/{connectorId}", req -> {
            throw ApiError.notFound();
        });
        r.get(
                "/api/sso-connectors",
                req -> Pagination.respond(req, Pagination.Mode.MANDATORY, List.<JsonNode>of(), n -> n));
    }

    private static ObjectNode emailDomain(String orgId, String domain) {
        return Json.object()
                .put("tenantId", Views.TENANT)
                .put("organizationId", orgId)
                .put("emailDomain", domain);
    }
}
