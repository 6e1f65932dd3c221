package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler returns. Content types match what Koa sends, including the charset suffix. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    static Response json(int status, JsonNode body) {
        return new Response(status, JSON, Json.bytes(body), new LinkedHashMap<>());
    }

    static Response ok(JsonNode body) {
        return json(200, body);
    }

    /** Koa's answer to a 201 without body: the status text as text/plain. */
    static Response created() {
        return new Response(201, TEXT, "Created".getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    static Response noContent() {
        return new Response(204, null, new byte[0], new LinkedHashMap<>());
    }

    static Response text(int status, String text) {
        return new Response(status, TEXT, text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
