package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays every recorded exchange with real Logto servers (src/test/resources/logto/recorded/...) against a
 * fresh, empty stand-in, in file order. Ids returned by earlier responses are mapped into later requests;
 * status, content type, Total-Number and the body shape (field names and JSON types, recursively) must match.
 */
class RecordedContractTest {
    private static final String APP_ID = "gwtestm2mapp";
    private static final String APP_SECRET = "contract-test-secret";

    @TestFactory
    Stream<DynamicTest> v1_37_1() throws Exception {
        return replay("v1.37.1", StandInOptions.Flavor.V1_37);
    }

    @TestFactory
    Stream<DynamicTest> v1_42_dev() throws Exception {
        return replay("v1.42-dev", StandInOptions.Flavor.V1_42);
    }

    private Stream<DynamicTest> replay(String version, StandInOptions.Flavor flavor) throws Exception {
        List<Path> files = recordings(version);
        assertTrue(files.size() >= 27, "recordings found: " + files.size());
        // One stand-in per version; the dynamic tests run in order and share it, like the recorded session.
        LogtoStandIn standIn = LogtoStandIn.start(StandInOptions.defaults(APP_ID, APP_SECRET).withSampleData(false).withFlavor(flavor));
        Session session = new Session(standIn);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(version + "/" + file.getFileName(), () -> session.check(file)));
        }
        tests.add(DynamicTest.dynamicTest(version + " shutdown", standIn::close));
        return tests.stream();
    }

    private static List<Path> recordings(String version) throws URISyntaxException, IOException {
        URI dir = RecordedContractTest.class.getResource("/logto/recorded/" + version).toURI();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static final class Session {
        final LogtoStandIn standIn;
        final StandInClient client;
        final Map<String, String> ids = new LinkedHashMap<>(); // recorded id → stand-in id
        String token;

        Session(LogtoStandIn standIn) {
            this.standIn = standIn;
            this.client = new StandInClient(standIn.baseUrl());
        }

        void check(Path file) throws IOException {
            JsonNode rec;
            try (InputStream in = Files.newInputStream(file)) {
                rec = StandInClient.MAPPER.readTree(in);
            }
            String name = file.getFileName().toString();
            if (name.startsWith("30-")) checkOrganizationTokenClaims(rec);
            else if (name.startsWith("31-")) checkJwks(rec);
            else if (name.startsWith("32-")) checkDiscovery(rec);
            else checkExchange(rec);
        }

        void checkExchange(JsonNode rec) {
            JsonNode req = rec.get("request");
            String method = req.get("method").asText();
            URI recordedUrl = URI.create(req.get("url").asText());
            String path = map(recordedUrl.getRawPath() + (recordedUrl.getRawQuery() == null ? "" : "?" + recordedUrl.getRawQuery()));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path));
            JsonNode headers = req.get("headers");
            String contentType = headers.path("content-type").asText(null);
            String authorization = headers.path("authorization").asText(null);
            if (authorization != null && authorization.startsWith("Basic")) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((APP_ID + ":" + APP_SECRET).getBytes()));
            } else if (authorization != null) {
                b.header("Authorization", "Bearer " + token);
            }
            String body = null;
            if (req.has("body")) {
                if ("application/x-www-form-urlencoded".equals(contentType)) {
                    StringBuilder form = new StringBuilder();
                    req.get("body").fields().forEachRemaining(e -> form.append(form.length() == 0 ? "" : "&")
                            .append(StandInClient.enc(e.getKey())).append('=').append(StandInClient.enc(e.getValue().asText())));
                    body = form.toString();
                } else {
                    JsonNode json = req.get("body").deepCopy();
                    // The recorded expiry was a week after the recording; keep it in the future now.
                    if (json.has("expiresAt")) ((ObjectNode) json).put("expiresAt", System.currentTimeMillis() + 7 * 86_400_000L);
                    body = map(json.toString());
                }
                b.header("Content-Type", contentType);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> actual = client.send(b.build());

            JsonNode expected = rec.get("response");
            String where = method + " " + path + " → " + actual.statusCode() + " " + actual.body();
            assertEquals(expected.get("status").asInt(), actual.statusCode(), where);
            assertEquals(expected.get("headers").get("content-type").asText(),
                    actual.headers().firstValue("content-type").orElse(null), where);
            JsonNode total = expected.get("headers").get("total-number");
            if (total != null) assertEquals(total.asText(), actual.headers().firstValue("total-number").orElse(null), where);
            else assertTrue(actual.headers().firstValue("total-number").isEmpty(), "unexpected Total-Number: " + where);

            JsonNode expectedBody = expected.get("body");
            if (expectedBody.isTextual()) {
                assertEquals(expectedBody.asText(), actual.body(), where);
                return;
            }
            JsonNode actualBody = StandInClient.json(actual);
            assertSameShape(expectedBody, actualBody, "$", where);
            learnIds(expectedBody, actualBody);
            if (actualBody.has("access_token")) token = actualBody.get("access_token").asText();
        }

        void checkOrganizationTokenClaims(JsonNode rec) throws IOException {
            // The recorded flow is a browser sign-in; the stand-in mints the same token through DevTokens.
            StandInData data = standIn.data();
            OrganizationScope a = data.createScope("read:claims-" + System.nanoTime(), null);
            OrganizationScope b = data.createScope("invite:claims-" + System.nanoTime(), null);
            OrganizationRole role = data.createRole("claims-" + System.nanoTime(), null, OrganizationRole.USER,
                    List.of(a.id(), b.id()), List.of());
            Organization org = data.createOrganization("Claims org", null, null);
            User user = data.createUser("claims_user_" + System.nanoTime(), null, "Claims");
            data.addMembers(org.id(), List.of(user.id()));
            data.assignUserRoles(org.id(), user.id(), List.of(role.id()));
            String jwt = standIn.tokens().organizationToken(user.id(), org.id());
            String[] parts = jwt.split("\\.");
            JsonNode header = StandInClient.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode payload = StandInClient.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode decoded = rec.get("decoded");
            assertSameShape(decoded.get("header"), header, "header", jwt);
            assertEquals(fieldNames(decoded.get("header")), fieldNames(header));
            assertSameShape(decoded.get("payload"), payload, "payload", jwt);
            assertEquals("ES384", header.get("alg").asText());
            assertEquals("at+jwt", header.get("typ").asText());
            assertEquals("urn:logto:organization:" + org.id(), payload.get("aud").asText());
            assertEquals(user.id(), payload.get("sub").asText());
            assertEquals(standIn.baseUrl() + "/oidc", payload.get("iss").asText());
            assertEquals(b.name() + " " + a.name(), payload.get("scope").asText(), "scopes sorted by name");
            assertEquals(3600, payload.get("exp").asLong() - payload.get("iat").asLong());
            // Expected is a list of the recorded names in the recorded order, to catch a reordering of claims.
            assertEquals(fieldNames(decoded.get("payload")), fieldNames(payload));
        }

        void checkJwks(JsonNode rec) {
            HttpResponse<String> r = client.get("/oidc/jwks");
            assertEquals(200, r.statusCode());
            assertEquals("application/json; charset=utf-8", r.headers().firstValue("content-type").orElse(null));
            JsonNode actual = StandInClient.json(r);
            assertSameShape(rec, actual, "$", r.body());
            JsonNode key = actual.get("keys").get(0);
            assertEquals("EC", key.get("kty").asText());
            assertEquals("P-384", key.get("crv").asText());
            assertEquals("ES384", key.get("alg").asText());
            assertTrue(!key.has("d"), "private part must not be published");
        }

        void checkDiscovery(JsonNode rec) {
            HttpResponse<String> r = client.get("/oidc/.well-known/openid-configuration");
            assertEquals(200, r.statusCode());
            JsonNode actual = StandInClient.json(r);
            for (Iterator<String> it = rec.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                assertNotNull(actual.get(field), "missing " + field);
                assertEquals(rec.get(field).getNodeType(), actual.get(field).getNodeType(), field);
            }
            String base = standIn.baseUrl();
            assertEquals(base + "/oidc", actual.get("issuer").asText());
            assertEquals(base + "/oidc/jwks", actual.get("jwks_uri").asText());
            assertEquals(base + "/oidc/token", actual.get("token_endpoint").asText());
            assertEquals(rec.get("grant_types_supported"), actual.get("grant_types_supported"));
        }

        private String map(String s) {
            for (var e : ids.entrySet()) s = s.replace(e.getKey(), e.getValue());
            return s;
        }

        /** Every string under "id" or "…Id" in the recorded body names the stand-in's value at the same place. */
        private void learnIds(JsonNode expected, JsonNode actual) {
            if (expected.isObject() && actual.isObject()) {
                expected.fields().forEachRemaining(e -> {
                    JsonNode a = actual.get(e.getKey());
                    if (a == null) return;
                    boolean idField = e.getKey().equals("id") || e.getKey().endsWith("Id");
                    if (idField && e.getValue().isTextual() && a.isTextual() && !ids.containsKey(e.getValue().asText())) {
                        ids.put(e.getValue().asText(), a.asText());
                    } else {
                        learnIds(e.getValue(), a);
                    }
                });
            } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
                for (int i = 0; i < expected.size(); i++) learnIds(expected.get(i), actual.get(i));
            }
        }
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Same field names and JSON types, recursively; arrays must have the same length. */
    static void assertSameShape(JsonNode expected, JsonNode actual, String path, String context) {
        if (expected.getNodeType() != actual.getNodeType()) {
            fail(path + ": expected " + expected.getNodeType() + " but was " + actual.getNodeType() + " in " + context);
        }
        if (expected.isObject()) {
            assertEquals(new java.util.TreeSet<>(fieldNames(expected)), new java.util.TreeSet<>(fieldNames(actual)),
                    path + " fields in " + context);
            expected.fields().forEachRemaining(e -> assertSameShape(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey(), context));
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path + " length in " + context);
            for (int i = 0; i < expected.size(); i++) assertSameShape(expected.get(i), actual.get(i), path + "[" + i + "]", context);
        }
    }
}
