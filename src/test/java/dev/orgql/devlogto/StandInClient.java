package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain java.net.http client for the stand-in tests; obtains a Management API token through /oidc/token. */
final class StandInClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private String token;

    StandInClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    StandInClient login(String clientId, String secret) {
        HttpResponse<String> r = token(
                clientId,
                secret,
                "grant_type=client_credentials&resource=" + enc("https://default.logto.app/api") + "&scope=all");
        if (r.statusCode() != 200) throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        token = json(r).get("access_token").asText();
        return this;
    }

    String token() {
        return token;
    }

    HttpResponse<String> token(String clientId, String secret, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (clientId != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8)));
        }
        return send(b.build());
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) {
            try {
                b.header("Content-Type", "application/json");
                String s = body instanceof String str ? str : MAPPER.writeValueAsString(body);
                b.method(method, HttpRequest.BodyPublishers.ofString(s));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
