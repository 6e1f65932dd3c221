package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Minimal zod-like body guards; failures are 400 {@code guard.invalid_input} with Logto's issue shape. */
final class Body {
    private Body() {}

    static JsonNode object(Request req) {
        JsonNode body = req.json();
        if (!body.isObject()) throw ApiError.guard("invalid_type", "Expected object, received " + type(body));
        return body;
    }

    static String requiredString(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) throw ApiError.guard("invalid_type", "Required", field);
        return string(v, field, max);
    }

    /** Absent → {@code fallback}; JSON null allowed → null. */
    static String optionalString(JsonNode body, String field, int max, String fallback) {
        JsonNode v = body.get(field);
        if (v == null) return fallback;
        if (v.isNull()) return null;
        return string(v, field, max);
    }

    private static String string(JsonNode v, String field, int max) {
        if (!v.isTextual()) throw ApiError.guard("invalid_type", "Expected string, received " + type(v), field);
        String s = v.asText();
        if (s.isEmpty()) throw ApiError.bound(true, "string", 1, "String must contain at least 1 character(s)", field);
        if (s.length() > max)
            throw ApiError.bound(false, "string", max, "String must contain at most " + max + " character(s)", field);
        return s;
    }

    /** Absent → {@code null} if not required; present must be an array of strings. */
    static List<String> stringArray(JsonNode body, String field, boolean required, boolean nonEmpty) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ApiError.guard("invalid_type", "Required", field);
            return null;
        }
        if (!v.isArray()) throw ApiError.guard("invalid_type", "Expected array, received " + type(v), field);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual() || v.get(i).asText().isEmpty()) {
                throw ApiError.guard(
                        "invalid_type", "Expected string, received " + type(v.get(i)), field, String.valueOf(i));
            }
            out.add(v.get(i).asText());
        }
        if (nonEmpty && out.isEmpty())
            throw ApiError.bound(true, "array", 1, "Array must contain at least 1 element(s)", field);
        return out;
    }

    static JsonNode optionalObject(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null) return null;
        if (!v.isObject()) throw ApiError.guard("invalid_type", "Expected object, received " + type(v), field);
        return v;
    }

    static Boolean optionalBoolean(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null) return null;
        if (!v.isBoolean()) throw ApiError.guard("invalid_type", "Expected boolean, received " + type(v), field);
        return v.asBoolean();
    }

    static String type(JsonNode v) {
        if (v == null || v.isNull()) return "null";
        if (v.isTextual()) return "string";
        if (v.isNumber()) return "number";
        if (v.isBoolean()) return "boolean";
        if (v.isArray()) return "array";
        return "object";
    }
}
