package dev.orgql.devlogto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded exchange with real Logto servers (src/test/resources/logto/recorded/...) against a
 * fresh, empty stand-in, in file order, one folder per Logto version with the stand-in's flavor for it. Ids
 * returned by earlier responses are mapped into later requests; status, content type, Total-Number and the body
 * shape (field names and JSON types, recursively) must match, and for the cases where the versions differ the
 * rows themselves.
 */
class RecordedContractTest {
    private static final String APP_ID = "gwtestm2mapp";
    private static final String APP_SECRET = "contract-test-secret";

    @TestFactory
    Stream<DynamicTest> v1_37_1() throws Exception {
        return replay("v1.37.1", StandInOptions.Flavor.V1_37, 97);
    }

    @TestFactory
    Stream<DynamicTest> v1_42_0() throws Exception {
        return replay("v1.42.0", StandInOptions.Flavor.V1_42, 69);
    }

    @TestFactory
    Stream<DynamicTest> v1_42_dev() throws Exception {
        return replay("v1.42-dev", StandInOptions.Flavor.V1_42_DEV, 27);
    }

    private Stream<DynamicTest> replay(String version, StandInOptions.Flavor flavor, int expectedFiles)
            throws Exception {
        List<Path> files = recordings(version);
        assertEquals(expectedFiles, files.size(), "recordings found in " + version);
        // One stand-in per version; the dynamic tests run in order and share it, like the recorded session.
        LogtoStandIn standIn = LogtoStandIn.start(StandInOptions.defaults(APP_ID, APP_SECRET)
                .withSampleData(false)
                .withFlavor(flavor));
        Session session = new Session(standIn, files);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(version + "/" + file.getFileName(), () -> session.check(file)));
        }
        tests.add(DynamicTest.dynamicTest(version + " shutdown", standIn::close));
        return tests.stream();
    }

    private static List<Path> recordings(String version) throws URISyntaxException, IOException {
        URI dir = RecordedContractTest.class
                .getResource("/logto/recorded/" + version)
                .toURI();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static final class Session {
        final LogtoStandIn standIn;
        final StandInClient client;
        final List<Path> files;
        final Map<String, String> ids = new LinkedHashMap<>(); // recorded id → stand-in id
        String token;
        boolean organizationOneSeeded;

        Session(LogtoStandIn standIn, List<Path> files) {
            this.standIn = standIn;
            this.client = new StandInClient(standIn.baseUrl());
            this.files = files;
            // v1.42.0/ starts at case 40 and has no token exchange of its own (v1.37.1/01 records one).
            this.token = new StandInClient(standIn.baseUrl())
                    .login(APP_ID, APP_SECRET)
                    .token();
        }

        void check(Path file) throws IOException {
            JsonNode rec = read(file);
            String name = file.getFileName().toString();
            if (name.compareTo("40") >= 0 && !organizationOneSeeded) seedOrganizationOne();
            if (name.startsWith("30-")) checkOrganizationTokenClaims(rec);
            else if (name.startsWith("31-")) checkJwks(rec);
            else if (name.startsWith("32-")) checkDiscovery(rec);
            else checkExchange(rec, name.substring(0, name.indexOf('-')));
        }

        private static JsonNode read(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return StandInClient.MAPPER.readTree(in);
            }
        }

        /**
         * Cases 40-51 run against {@code orgql-test-org-1}, set up before the recording began: 50 members
         * user001-user050, admins user001-user003, template roles admin and member. The recordings do not contain
         * that setup; what is seeded here is read from 40a (the unfiltered member list of that organization), so
         * users keep their recorded ids, usernames, emails, names, creation, update and sign-in times, sign-in
         * application ids (the applications themselves are not seeded: nothing reads them) and roles, and the
         * recorded organization id. Seeded because the recordings are silent on it: the organization's name (from the
         * recordings' README), its other fields (Logto's defaults), and the roles' descriptions (none) and type (User).
         * The roles get stand-in ids; the recorded ids are mapped to them.
         */
        void seedOrganizationOne() throws IOException {
            organizationOneSeeded = true;
            Path unfiltered = files.stream()
                    .filter(f -> f.getFileName().toString().startsWith("40a-"))
                    .findFirst()
                    .orElseThrow();
            JsonNode rec = read(unfiltered);
            String orgId = URI.create(rec.at("/request/url").asText()).getPath().split("/")[3];
            StandInData data = standIn.data();
            data.putOrganization(new Organization(
                    orgId,
                    "orgql-test-org-1",
                    null,
                    Json.object(),
                    false,
                    Json.object(),
                    Json.object(),
                    null,
                    standIn.data().now()));
            // The template roles: admin and member from 40a; their descriptions and types, and the bot role, from
            // the JIT role lists (83a, 85), which are the only recordings showing whole role objects.
            Map<String, JsonNode> templateRoles = new LinkedHashMap<>();
            for (JsonNode member : rec.at("/response/body")) {
                for (JsonNode role : member.get("organizationRoles"))
                    templateRoles.putIfAbsent(role.get("id").asText(), role);
            }
            for (Path file : files) {
                String n = file.getFileName().toString();
                if (n.startsWith("83a-") || n.startsWith("85-")) {
                    for (JsonNode role : read(file).at("/response/body"))
                        templateRoles.put(role.get("id").asText(), role);
                }
            }
            Map<String, String> roleIds = new LinkedHashMap<>();
            templateRoles.forEach((recorded, role) -> roleIds.put(
                    recorded,
                    data.createRole(
                                    role.get("name").asText(),
                                    role.path("description").asText(null),
                                    role.path("type").asText(OrganizationRole.USER),
                                    List.of(),
                                    List.of())
                            .id()));
            ids.putAll(roleIds);
            ids.put(orgId, orgId);
            for (JsonNode member : rec.at("/response/body")) {
                String id = member.get("id").asText();
                User user = data.insertUser(
                        id,
                        member.get("username").asText(null),
                        member.get("primaryEmail").asText(null),
                        member.get("primaryPhone").asText(null),
                        member.get("name").asText(null),
                        null,
                        false,
                        member.get("createdAt").asLong());
                JsonNode signIn = member.get("lastSignInAt");
                data.putUser(new User(
                        id,
                        user.username(),
                        user.primaryEmail(),
                        user.primaryPhone(),
                        user.name(),
                        null,
                        user.customData(),
                        user.profile(),
                        false,
                        signIn.isNull() ? null : signIn.asLong(),
                        user.createdAt(),
                        member.get("updatedAt").asLong(),
                        member.get("applicationId").asText(null)));
                ids.put(id, id);
                data.addMembers(orgId, List.of(id));
                List<String> roles = new ArrayList<>();
                member.get("organizationRoles")
                        .forEach(r -> roles.add(roleIds.get(r.get("id").asText())));
                data.assignUserRoles(orgId, id, roles);
            }
        }

        void checkExchange(JsonNode rec, String caseNumber) {
            JsonNode req = rec.get("request");
            String method = req.get("method").asText();
            URI recordedUrl = URI.create(req.get("url").asText());
            String path = map(recordedUrl.getRawPath()
                    + (recordedUrl.getRawQuery() == null ? "" : "?" + recordedUrl.getRawQuery()));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path));
            JsonNode headers = req.get("headers");
            String contentType = headers.path("content-type").asText(null);
            String authorization = headers.path("authorization").asText(null);
            if (authorization != null && authorization.startsWith("Basic")) {
                b.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString((APP_ID + ":" + APP_SECRET).getBytes()));
            } else if (authorization != null) {
                b.header("Authorization", "Bearer " + token);
            }
            String body = null;
            if (req.has("body")) {
                if ("application/x-www-form-urlencoded".equals(contentType)) {
                    StringBuilder form = new StringBuilder();
                    req.get("body")
                            .fields()
                            .forEachRemaining(e -> form.append(form.length() == 0 ? "" : "&")
                                    .append(StandInClient.enc(e.getKey()))
                                    .append('=')
                                    .append(StandInClient.enc(e.getValue().asText())));
                    body = form.toString();
                } else {
                    JsonNode json = req.get("body").deepCopy();
                    // The recorded expiry was a week after the recording; keep it in the future now.
                    if (json.has("expiresAt"))
                        ((ObjectNode) json).put("expiresAt", System.currentTimeMillis() + 7 * 86_400_000L);
                    body = map(json.toString());
                }
                b.header("Content-Type", contentType);
            }
            b.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> actual = client.send(b.build());

            JsonNode expected = rec.get("response");
            String shown = actual.body().length() > 400 ? actual.body().substring(0, 400) + "…" : actual.body();
            String where = method + " " + path + " → " + actual.statusCode() + " " + shown;
            assertEquals(expected.get("status").asInt(), actual.statusCode(), where);
            JsonNode expectedHeaders = expected.get("headers");
            assertEquals(
                    expectedHeaders.path("content-type").asText(null),
                    actual.headers().firstValue("content-type").orElse(null),
                    where);
            JsonNode total = expectedHeaders.get("total-number");
            if (total != null)
                assertEquals(
                        total.asText(),
                        actual.headers().firstValue("total-number").orElse(null),
                        where);
            else assertTrue(actual.headers().firstValue("total-number").isEmpty(), "unexpected Total-Number: " + where);
            JsonNode link = expectedHeaders.get("link");
            if (link != null) {
                String recordedBase = recordedUrl.getScheme() + "://" + recordedUrl.getRawAuthority();
                // Logto sends one Link header per relation; some recordings kept them all (joined), some only
                // the first. Every recorded one must be there, as recorded.
                List<String> actualLinks =
                        List.of(actual.headers().firstValue("link").orElse("").split(", (?=<)"));
                for (String one : map(link.asText().replace(recordedBase, standIn.baseUrl()))
                        .split(", (?=<)")) {
                    assertTrue(actualLinks.contains(one), "link " + one + " not in " + actualLinks + ": " + where);
                }
            }
            // Only cases 56 and 57 kept the connection headers; where they are recorded they must match.
            for (String header : List.of("connection", "keep-alive")) {
                if (expectedHeaders.has(header)) {
                    assertEquals(
                            expectedHeaders.get(header).asText(),
                            actual.headers().firstValue(header).orElse(null),
                            header + ": " + where);
                }
            }

            JsonNode expectedBody = expected.get("body");
            if (expectedBody == null || expectedBody.isNull()) {
                assertEquals("", actual.body(), "no body: " + where);
                return;
            }
            if (expectedBody.isTextual()) {
                assertEquals(expectedBody.asText(), actual.body(), where);
                return;
            }
            JsonNode actualBody = StandInClient.json(actual);
            if (caseNumber.startsWith("57")) {
                // The recorder kept only the info object of the OpenAPI documents (README): compare that, exactly.
                assertEquals(expectedBody.get("info"), actualBody.get("info"), where);
                return;
            }
            assertSameShape(expectedBody, actualBody, "$", where);
            if (caseNumber.compareTo("40") >= 0 && caseNumber.compareTo("46") < 0) {
                // Organization 1's member lists, where the versions differ (40, 41) or wildcards decide (42-45):
                // the users are seeded with their recorded ids, so the rows must be exactly the recorded ones.
                assertEquals(values(expectedBody, "id"), values(actualBody, "id"), "rows of " + where);
            }
            if (caseNumber.equals("49")) {
                // Whether the half-created role persisted: the role ids differ, the names must not.
                assertEquals(values(expectedBody, "name"), values(actualBody, "name"), "rows of " + where);
            }
            learnIds(expectedBody, actualBody);
            if (actualBody.has("access_token"))
                token = actualBody.get("access_token").asText();
        }

        private static List<String> values(JsonNode rows, String field) {
            List<String> out = new ArrayList<>();
            rows.forEach(row -> out.add(row.path(field).asText()));
            return out;
        }

        void checkOrganizationTokenClaims(JsonNode rec) throws IOException {
            // The recorded flow is a browser sign-in; the stand-in mints the same token through DevTokens.
            StandInData data = standIn.data();
            OrganizationScope a = data.createScope("read:claims-" + System.nanoTime(), null);
            OrganizationScope b = data.createScope("invite:claims-" + System.nanoTime(), null);
            OrganizationRole role = data.createRole(
                    "claims-" + System.nanoTime(), null, OrganizationRole.USER, List.of(a.id(), b.id()), List.of());
            Organization org = data.createOrganization("Claims org", null, null);
            User user = data.createUser("claims_user_" + System.nanoTime(), null, "Claims");
            data.addMembers(org.id(), List.of(user.id()));
            data.assignUserRoles(org.id(), user.id(), List.of(role.id()));
            String jwt = standIn.tokens().organizationToken(user.id(), org.id());
            String[] parts = jwt.split("\\.");
            JsonNode header =
                    StandInClient.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode payload =
                    StandInClient.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode decoded = rec.get("decoded");
            assertSameShape(decoded.get("header"), header, "header", jwt);
            assertEquals(fieldNames(decoded.get("header")), fieldNames(header));
            assertSameShape(decoded.get("payload"), payload, "payload", jwt);
            assertEquals("ES384", header.get("alg").asText());
            assertEquals("at+jwt", header.get("typ").asText());
            assertEquals(
                    "urn:logto:organization:" + org.id(), payload.get("aud").asText());
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
            assertEquals(
                    "application/json; charset=utf-8",
                    r.headers().firstValue("content-type").orElse(null));
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
                    if (idField
                            && e.getValue().isTextual()
                            && a.isTextual()
                            && !ids.containsKey(e.getValue().asText())) {
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
            assertEquals(
                    new java.util.TreeSet<>(fieldNames(expected)),
                    new java.util.TreeSet<>(fieldNames(actual)),
                    path + " fields in " + context);
            expected.fields()
                    .forEachRemaining(e ->
                            assertSameShape(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey(), context));
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path + " length in " + context);
            for (int i = 0; i < expected.size(); i++)
                assertSameShape(expected.get(i), actual.get(i), path + "[" + i + "]", context);
        }
    }
}
