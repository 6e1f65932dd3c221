package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Logto {@code RequestError}: thrown anywhere in a handler or in {@link StandInData}, rendered by
 * {@link StandInServer} as {@code {code, message, data?, details?}}. The factory methods carry the
 * exact English messages Logto sends, because tests and humans compare them.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final transient JsonNode data;
    private final String details;

    public ApiError(int status, String code, String message, JsonNode data, String details) {
        super(message);
        this.status = status;
        this.code = code;
        this.data = data;
        this.details = details;
    }

    public ApiError(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonNode data() {
        return data;
    }

    ObjectNode toBody() {
        ObjectNode body = Json.object();
        if (code != null) body.put("code", code);
        body.put("message", getMessage());
        if (data != null) body.set("data", data);
        if (details != null) body.put("details", details);
        return body;
    }

    static ApiError notExistsWithId(String table, String id) {
        return new ApiError(404, "entity.not_exists_with_id", "The " + table + " with ID `" + id + "` does not exist.");
    }

    static ApiError notFound() {
        return new ApiError(404, "entity.not_found", "The resource does not exist.");
    }

    /** PATCH of a missing row; Logto names the singular entity. */
    static ApiError notExists(String entity) {
        return new ApiError(404, "entity.not_exists", "The " + entity + " does not exist.");
    }

    /** What Logto answers for an unexpected database error (recordings 46, 47): a bare message, no code. */
    static ApiError internal() {
        return new ApiError(500, null, "Internal server error.");
    }

    static ApiError foreignKeyNotFound() {
        return new ApiError(
                422,
                "entity.relation_foreign_key_not_found",
                "Cannot find one or more foreign keys. Please check the input and ensure that all referenced entities exist.");
    }

    static ApiError uniqueViolation() {
        return new ApiError(
                422,
                "entity.unique_integrity_violation",
                "The entity already exists. Please check the input and try again.");
    }

    static ApiError dbConstraint() {
        return new ApiError(422, "entity.db_constraint_violated", "Database constraint violated.");
    }

    static ApiError requireMembership() {
        return new ApiError(
                422, "organization.require_membership", "The user must be a member of the organization to proceed.");
    }

    static ApiError invalidInput(int status, String detail) {
        return new ApiError(status, "request.invalid_input", "Input is invalid. " + detail);
    }

    static ApiError invalidPagination() {
        return new ApiError(400, "guard.invalid_pagination", "The request pagination value is invalid.");
    }

    static ApiError invalidSearch(String detail) {
        return new ApiError(400, "request.invalid_input", "Input is invalid. " + detail, Json.object(), null);
    }

    /** A zod guard failure with one issue, shaped like derived/errors/400.guard.invalid_input.json. */
    static ApiError guard(String zodCode, String message, String... path) {
        return guard(Json.object().put("code", zodCode), message, path);
    }

    /**
     * zod's {@code too_small}/{@code too_big}, which carry the bound (recording 75c:
     * {@code {code, minimum, type, inclusive, exact, message, path}}).
     */
    static ApiError bound(boolean small, String type, long bound, String message, String... path) {
        ObjectNode issue = Json.object().put("code", small ? "too_small" : "too_big");
        issue.put(small ? "minimum" : "maximum", bound)
                .put("type", type)
                .put("inclusive", true)
                .put("exact", false);
        return guard(issue, message, path);
    }

    private static ApiError guard(ObjectNode issue, String message, String... path) {
        String zodCode = issue.get("code").asText();
        issue.put("message", message);
        var pathNode = issue.putArray("path");
        for (String p : path) pathNode.add(p);
        ObjectNode data = Json.object();
        data.putArray("issues").add(issue);
        data.put("name", "ZodError");
        String details = "Error in key path \"" + String.join(".", path) + "\": (" + zodCode + ") " + message;
        return new ApiError(400, "guard.invalid_input", "The request body is invalid.", data, details);
    }

    static ApiError connectorNotFound() {
        return new ApiError(501, "connector.not_found", "Cannot find any available connector for type: Email.");
    }

    static ApiError messageRateLimited() {
        return new ApiError(
                429,
                "request.message_rate_limited",
                "Too many messages sent to this recipient. Please try again later.");
    }
}
