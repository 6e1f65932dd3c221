package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code /api/organization-invitations...} (§4): no pagination, newest first, computed Expired status. */
final class InvitationRoutes {
    private static final String BASE = "/api/organization-invitations";
    private final StandInData data;
    private final Views views;

    InvitationRoutes(StandInData data, Views views) {
        this.data = data;
        this.views = views;
    }

    void register(Router r) {
        r.get(BASE, this::list);
        r.post(BASE, this::create);
        r.get(BASE + "/{id}", req -> Response.ok(views.invitation(find(req))));
        r.delete(BASE + "/{id}", req -> {
            data.deleteInvitation(req.param("id"));
            return Response.noContent();
        });
        r.post(BASE + "/{id}/message", req -> {
            Invitation inv = find(req);
            JsonNode payload = Body.object(req);
            data.sendMessage(inv, payload); // Logto does not check the status before re-sending
            return Response.noContent();
        });
        r.put(BASE + "/{id}/status", this::status);
    }

    private Invitation find(Request req) {
        return data.invitation(req.param("id")).orElseThrow(ApiError::notFound);
    }

    private Response list(Request req) {
        String org = req.query("organizationId");
        String inviter = req.query("inviterId");
        String invitee = req.query("invitee");
        List<Invitation> rows = data.invitations().stream()
                .filter(i -> org == null || org.equals(i.organizationId()))
                .filter(i -> inviter == null || inviter.equals(i.inviterId()))
                .filter(i -> invitee == null || invitee.equalsIgnoreCase(i.invitee()))
                .toList();
        return Response.ok(Json.array(rows.stream().map(views::invitation).toList()));
    }

    private Response create(Request req) {
        JsonNode body = Body.object(req);
        String inviterId = Body.optionalString(body, "inviterId", 21, null);
        String invitee = Body.requiredString(body, "invitee", 256);
        if (!StandInData.isEmail(invitee)) throw ApiError.guard("invalid_string", "Invalid email", "invitee");
        String organizationId = Body.requiredString(body, "organizationId", 21);
        JsonNode expires = body.get("expiresAt");
        if (expires == null || !expires.isNumber()) {
            throw ApiError.guard(
                    "invalid_type",
                    expires == null ? "Required" : "Expected number, received " + Body.type(expires),
                    "expiresAt");
        }
        List<String> roleIds = Body.stringArray(body, "organizationRoleIds", false, false);
        // messagePayload: the literal false (default, no email) or an object; true is rejected by Logto's guard.
        JsonNode payload = body.get("messagePayload");
        if (payload != null && !(payload.isBoolean() && !payload.asBoolean()) && !payload.isObject()) {
            throw ApiError.guard("invalid_union", "Invalid input", "messagePayload");
        }
        Invitation inv = data.createInvitation(
                inviterId,
                invitee,
                organizationId,
                expires.asLong(),
                roleIds == null ? List.of() : roleIds,
                payload != null && payload.isObject() ? payload : null);
        return Response.json(201, views.invitation(inv));
    }

    private Response status(Request req) {
        JsonNode body = Body.object(req);
        String status = Body.requiredString(body, "status", 32);
        if (!status.equals("Accepted") && !status.equals("Revoked")) {
            throw ApiError.guard(
                    "invalid_enum_value",
                    "Invalid enum value. Expected 'Accepted' | 'Revoked', received '" + status + "'",
                    "status");
        }
        String acceptedUserId = Body.optionalString(body, "acceptedUserId", 12, null);
        return Response.ok(views.invitation(data.changeInvitationStatus(req.param("id"), status, acceptedUserId)));
    }
}
