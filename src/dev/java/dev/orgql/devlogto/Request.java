package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An incoming request as handlers see it: decoded path parameters, the query as an ordered list of
 * pairs (the advanced search needs repeated keys), lower-cased headers and the raw body.
 */
final class Request {
    final String method;
    final String path;
    final String rawQuery;
    final List<Map.Entry<String, String>> query;
    final Map<String, String> headers;
    final byte[] body;
    final String baseUrl;
    Map<String, String> pathParams = Map.of();

    Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] body, String baseUrl) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseForm(rawQuery);
        this.headers = headers;
        this.body = body;
        this.baseUrl = baseUrl;
    }

    String param(String name) {
        return pathParams.get(name);
    }

    String header(String name) {
        return headers.get(name.toLowerCase());
    }

    /** First value of a query parameter, or null. */
    String query(String name) {
        for (var e : query) if (e.getKey().equals(name)) return e.getValue();
        return null;
    }

    List<String> queryAll(String name) {
        List<String> values = new ArrayList<>();
        for (var e : query) if (e.getKey().equals(name)) values.add(e.getValue());
        return values;
    }

    /** True if the decoded path, a query key or value, or or a JSON string in the body (as the escape backslash-u-0000) holds a NUL. */
    boolean containsNul() {
        if (URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8).indexOf('\0') >= 0) return true;
        for (var e : query) if (e.getKey().indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0) return true;
        return new String(body, StandardCharsets.UTF_8).contains("\\u0000");
    }

    /** The JSON body; Logto (koa-body) answers malformed JSON with a bare {message}. An empty body is {}. */
    JsonNode json() {
        if (body.length == 0) return Json.object();
        try {
            JsonNode node = Json.parse(body);
            return node == null ? NullNode.getInstance() : node;
        } catch (IOException e) {
            throw new ApiError(400, null, "Unexpected token in JSON at position 0");
        }
    }

    List<Map.Entry<String, String>> form() {
        return parseForm(new String(body, StandardCharsets.UTF_8));
    }

    String formValue(List<Map.Entry<String, String>> form, String name) {
        for (var e : form) if (e.getKey().equals(name)) return e.getValue();
        return null;
    }

    /** application/x-www-form-urlencoded rules, as Koa's querystring: '+' is a space. */
    static List<Map.Entry<String, String>> parseForm(String raw) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(
                    URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
