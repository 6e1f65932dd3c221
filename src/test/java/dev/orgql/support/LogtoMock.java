package dev.orgql.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * WireMock playing Logto: one server for the whole test run, with the OIDC token endpoint and the
 * JWKS always stubbed, and helpers for Management API answers in Logto's own formats.
 */
public final class LogtoMock {
    public static final String M2M_APP_ID = "gwtestm2mapp";
    public static final String M2M_APP_SECRET = "test-secret";
    private static final WireMockServer SERVER = start();

    private LogtoMock() {}

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static WireMockServer server() {
        return SERVER;
    }

    public static String endpoint() {
        return "http://127.0.0.1:" + SERVER.port();
    }

    public static String issuer() {
        return endpoint() + TestTokens.ISSUER_PATH;
    }

    /** Forgets every stub and request, then stubs the token endpoint and the JWKS again. */
    public static void reset() {
        SERVER.resetAll();
        JsonNode recorded = Fixtures.recordedBody("01-token-client-credentials.json");
        SERVER.stubFor(post(urlPathEqualTo("/oidc/token")).willReturn(json(200, recorded.toString())));
        SERVER.stubFor(get(urlPathEqualTo("/oidc/jwks")).willReturn(json(200, TestTokens.jwks())));
    }

    public static void stub(MappingBuilder mapping) {
        SERVER.stubFor(mapping);
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    public static ResponseDefinitionBuilder json(JsonNode body) {
        return json(200, body.toString());
    }

    /** A paged list answer with Logto's {@code Total-Number}. */
    public static ResponseDefinitionBuilder page(JsonNode items, int total) {
        return json(items).withHeader("Total-Number", String.valueOf(total));
    }

    /** Logto's error body, from {@code fixtures/errors/<file>}. */
    public static ResponseDefinitionBuilder error(int status, String fixture) {
        return json(status, Fixtures.load("errors/" + fixture).toString());
    }

    /** Older Logto's bodyless 201: {@code text/plain} {@code Created}. */
    public static ResponseDefinitionBuilder created() {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("Created");
    }

    public static ResponseDefinitionBuilder noContent() {
        return aResponse().withStatus(204);
    }

    /** The Management API calls other than GETs, as {@code "METHOD /path?query"}. */
    public static List<String> writes() {
        return apiCalls().stream()
                .filter(c -> !c.getMethod().getName().equals("GET"))
                .map(c -> c.getMethod().getName() + " " + c.getUrl())
                .toList();
    }

    /** Every Management API call as {@code "METHOD /path?query"}, in order. */
    public static List<String> calls() {
        return apiCalls().stream()
                .map(c -> c.getMethod().getName() + " " + c.getUrl())
                .toList();
    }

    /** The JSON body of the (only) call with this method and path. */
    public static JsonNode bodyOf(String method, String path) {
        List<LoggedRequest> found = apiCalls().stream()
                .filter(c ->
                        c.getMethod().getName().equals(method) && c.getUrl().equals(path))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + method + " " + path + ", saw " + calls());
        }
        try {
            return Fixtures.JSON.readTree(found.get(0).getBodyAsString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every Management API call (under {@code /api}) made since the last reset or clear. */
    public static List<LoggedRequest> apiCalls() {
        return SERVER.findAll(anyRequestedFor(urlPathMatching("/api/.*")));
    }

    public static List<LoggedRequest> allCalls() {
        return SERVER.findAll(anyRequestedFor(urlPathMatching(".*")));
    }

    public static void clearJournal() {
        SERVER.resetRequests();
    }
}
