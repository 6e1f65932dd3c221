package dev.orgql.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orgql.devlogto.SampleData;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dev environment starts the stand-in first, points logto.endpoint at it and serves /dev/tokens. */
class DevModeTest {
    @Test
    void devEnvironmentStartsStandInAndServesTokens() throws Exception {
        int logtoPort;
        try (ServerSocket s = new ServerSocket(0)) {
            logtoPort = s.getLocalPort();
        }
        try (EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                // security disabled as in the gateway's application.yml (it validates tokens itself)
                Map.of(
                        "orgql.dev.logto-port",
                        logtoPort,
                        "micronaut.server.port",
                        -1,
                        "micronaut.security.enabled",
                        false),
                "dev")) {
            ApplicationContext ctx = server.getApplicationContext();
            assertEquals("http://127.0.0.1:" + logtoPort, ctx.getRequiredProperty("logto.endpoint", String.class));
            DevLogto devLogto = ctx.getBean(DevLogto.class);
            assertEquals(ctx.getRequiredProperty("logto.endpoint", String.class), devLogto.endpoint());

            HttpClient http = HttpClient.newHttpClient();
            // The gateway's M2M credentials from application-dev.yml work against the stand-in.
            String form = "grant_type=client_credentials&resource=https%3A%2F%2Fdefault.logto.app%2Fapi&scope=all"
                    + "&client_id=" + ctx.getRequiredProperty("logto.m2m-app-id", String.class)
                    + "&client_secret=" + ctx.getRequiredProperty("logto.m2m-app-secret", String.class);
            HttpResponse<String> token = http.send(
                    HttpRequest.newBuilder(URI.create(devLogto.endpoint() + "/oidc/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());

            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(server.getURI().resolve("/dev/tokens"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Development only"));
            assertTrue(page.body().contains("/graphiql?token="));
            assertFalse(
                    page.body().contains("http://cdn")
                            || page.body().contains("https://cdn")
                            || page.body().contains("<script"),
                    "the page loads nothing from the internet");

            HttpResponse<String> json = http.send(
                    HttpRequest.newBuilder(server.getURI().resolve("/dev/tokens.json?user=" + SampleData.ADMIN_USER_ID))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, json.statusCode(), json.body());
            JsonNode root = new ObjectMapper().readTree(json.body());
            assertEquals(1, root.get("users").size());
            JsonNode ada = root.get("users").get(0);
            assertEquals(
                    "create:organization manage:template",
                    ada.get("userTokenScope").asText());
            assertEquals(4, ada.get("organizations").size());
        }
    }

    @Test
    void theBannerOnTheConsoleGivesATokenThatTheGatewayAccepts() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        EmbeddedServer server;
        try {
            server = startDevMode();
        } finally {
            System.setOut(console);
        }
        try (server) {
            String banner = printed.toString(StandardCharsets.UTF_8);
            console.print(banner);
            Matcher link = Pattern.compile("GraphiQL as Ada: +\\S+/graphiql\\?token=(eyJ\\S+)")
                    .matcher(banner);
            assertTrue(link.find(), "the banner names GraphiQL with Ada's token: " + banner);
            assertTrue(banner.contains("/dev/tokens"), banner);
            HttpResponse<String> answer = viewerQuery(HttpClient.newHttpClient(), server, link.group(1));
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode viewer = new ObjectMapper().readTree(answer.body()).at("/data/viewer/user");
            assertEquals("Ada Admin", viewer.path("name").asText(), answer.body());
        }
    }

    @Test
    void theRootLeadsToGraphiqlSignedInAsTheSampleAdmin() throws Exception {
        try (EmbeddedServer server = startDevMode()) {
            HttpClient http = HttpClient.newHttpClient(); // follows no redirect
            HttpResponse<String> root = http.send(
                    HttpRequest.newBuilder(server.getURI().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, root.statusCode(), root.body());
            String location = root.headers().firstValue("Location").orElseThrow();
            Matcher token = Pattern.compile("^/graphiql\\?token=(eyJ[\\w.-]+)$").matcher(location);
            assertTrue(token.find(), location);
            HttpResponse<String> graphiql = http.send(
                    HttpRequest.newBuilder(server.getURI().resolve(location)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, graphiql.statusCode());
            assertTrue(graphiql.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            HttpResponse<String> answer = viewerQuery(http, server, token.group(1));
            assertEquals(
                    "Ada Admin",
                    new ObjectMapper()
                            .readTree(answer.body())
                            .at("/data/viewer/user/name")
                            .asText(),
                    answer.body());
        }
    }

    /** The gateway in the dev environment, on free ports, with its stand-in. */
    private static EmbeddedServer startDevMode() throws Exception {
        int logtoPort;
        try (ServerSocket s = new ServerSocket(0)) {
            logtoPort = s.getLocalPort();
        }
        return ApplicationContext.run(
                EmbeddedServer.class, Map.of("orgql.dev.logto-port", logtoPort, "micronaut.server.port", -1), "dev");
    }

    /** Asks the gateway who the caller of {@code token} is. */
    private static HttpResponse<String> viewerQuery(HttpClient http, EmbeddedServer server, String token)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.getURI().resolve("/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ viewer { user { name } } }\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
