package dev.orgql.scaleout;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.auth.LiveScopeCache;
import dev.orgql.logto.LogtoChange;
import dev.orgql.logto.ReadCaches;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.RedisServer;
import dev.orgql.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two gateway replicas (two application contexts, each with its own server) share one real Redis and the
 * WireMock Logto. Under policy {@code live} each caches Alice's live scopes for the TTL; an invalidation on
 * one (a webhook delivered to it, or a change its own write publishes) makes the other look them up again
 * on its next request. Asserted by the scope lookups Logto saw; the tests wait for the other replica to
 * have applied the message by counting what it received, never by time. The webhook payloads are the
 * recorded v1.42.0 and v1.37.1 shapes (recorded/webhooks) with this test's ids, signed with its key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasTest {
    private static final String KEY = "test-hook-signing-key-0123456789";
    private static final String QUERY = GatewayTest.operation("organizationNameAndScopes");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonNode V137 = recorded("v1.37.1");

    private RedisServer redis;
    private EmbeddedServer one;
    private EmbeddedServer two;

    @BeforeAll
    void start() {
        redis = RedisServer.startNew();
        one = replica();
        two = replica();
        awaitThat("both replicas subscribed", () -> redisConnected(one) && redisConnected(two));
    }

    @AfterAll
    void stop() {
        if (one != null) one.getApplicationContext().close();
        if (two != null) two.getApplicationContext().close();
        if (redis != null) redis.close();
    }

    @BeforeEach
    void stubLogto() {
        LogtoMock.reset();
        one.getApplicationContext().getBean(LiveScopeCache.class).invalidateAll();
        two.getApplicationContext().getBean(LiveScopeCache.class).invalidateAll();
        one.getApplicationContext().getBean(ReadCaches.class).invalidateAll();
        two.getApplicationContext().getBean(ReadCaches.class).invalidateAll();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users/" + Ids.ALICE + "/scopes"))
                        .willReturn(LogtoMock.json(scopes(Ids.ALL_SCOPES))));
        // Readiness asks Logto for an organization that does not exist (recorded: 24-get-organization-not-found).
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/orgql-readiness-probe"))
                .willReturn(LogtoMock.json(
                        404,
                        Fixtures.recordedBody("24-get-organization-not-found.json")
                                .toString())));
    }

    @Test
    @Order(1)
    void aWebhookDeliveredToOneReplicaMakesTheOtherReadAgain() {
        read(one);
        read(two);
        read(two);
        assertThat(scopeLookups()).isEqualTo(2);
        double before = received(two);

        deliver(
                one,
                "{\"event\":\"Organization.Membership.Updated\",\"createdAt\":\"2026-12-01T16:26:18.428Z\","
                        + "\"userAgent\":\"node\",\"ip\":\"127.0.0.1\",\"path\":\"/organizations/" + Ids.ORG_A
                        + "/users\",\"method\":\"POST\",\"status\":201,\"params\":{\"id\":\"" + Ids.ORG_A + "\"},"
                        + "\"matchedRoute\":\"/organizations/:id/users\",\"organizationId\":\"" + Ids.ORG_A + "\","
                        + "\"removedUserIds\":[\"" + Ids.ALICE + "\"],\"hookId\":\"naytzdzhpone0mdt9bb2i\"}");
        awaitThat("replica two applied the change", () -> received(two) == before + 1);
        read(two);

        assertThat(scopeLookups()).isEqualTo(3);
        // Replica one dropped them itself and did not hear its own message back.
        read(one);
        assertThat(scopeLookups()).isEqualTo(4);
        assertThat(received(one)).isZero();
    }

    @Test
    @Order(2)
    void aChangePublishedInOneReplicaAsAnOwnWriteDoesIsAppliedByTheOther() {
        read(one);
        read(two);
        assertThat(scopeLookups()).isEqualTo(2);
        double before = received(two);

        one.getApplicationContext()
                .getBean(ApplicationEventPublisher.class)
                .publishEvent(new LogtoChange.TemplateChanged("OrganizationRole.Scopes.Updated"));
        awaitThat("replica two applied the change", () -> received(two) == before + 1);
        read(two);

        assertThat(scopeLookups()).isEqualTo(3);
        // Received once, applied, and not sent on: replica one heard nothing back.
        assertThat(received(one)).isZero();
    }

    @Test
    @Order(3)
    void withRedisDownBothKeepServingAndReadinessSaysSoAndOnceBackInvalidationsFlowAgain() {
        read(one);
        read(two);
        assertThat(scopeLookups()).isEqualTo(2);

        redis.stop();
        awaitThat("both replicas see Redis gone", () -> !redisConnected(one) && !redisConnected(two));

        for (EmbeddedServer replica : new EmbeddedServer[] {one, two}) {
            Reply readiness = get(replica, "/health/readiness");
            // Not 503: Redis is shared, and taking every replica out of service at once would not help.
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.body().path("status").asText()).isEqualTo("DEGRADED");
            assertThat(readiness.body().at("/details/redis/details/redis").asText())
                    .isEqualTo("unreachable");
            assertThat(readiness.body().at("/details/redis/status").asText()).isEqualTo("DEGRADED");
        }
        // Both still answer, from their own caches (no lookup) ...
        read(one);
        read(two);
        assertThat(scopeLookups()).isEqualTo(2);
        // ... and a webhook still invalidates where it is delivered; what it would tell the other replica
        // is lost (its TTL bounds that).
        double failedBefore = failed(one);
        deliverTemplateChange(one);
        awaitThat("replica one counted the lost message", () -> failed(one) == failedBefore + 1);
        read(one);
        read(two);
        assertThat(scopeLookups()).isEqualTo(3);

        redis.start();
        awaitThat("both replicas reconnected", () -> redisConnected(one) && redisConnected(two));
        assertThat(get(two, "/health/readiness").body().path("status").asText()).isEqualTo("UP");
        double before = received(two);
        deliverTemplateChange(one);
        awaitThat("replica two applied the change", () -> received(two) == before + 1);
        read(two);

        // Only replica two read again: replica one dropped its own copy without asking Logto yet.
        assertThat(scopeLookups()).isEqualTo(4);
    }

    @Test
    @Order(4)
    void aMutationOnOneReplicaMakesTheOtherReadTheOrganizationAgain() {
        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(
                        ((ObjectNode) Fixtures.load("organization.patch.response.json")).put("id", Ids.ORG_A))));
        read(two);
        read(two);
        // Replica two keeps the organization (organizations TTL): one read of it so far.
        assertThat(organizationReads()).isEqualTo(1);
        double before = received(two);

        ObjectNode body = Fixtures.JSON.createObjectNode();
        body.put("query", GatewayTest.operation("renameOrganization"));
        body.putObject("variables")
                .putObject("input")
                .put("organizationId", Ids.ORG_A)
                .put("name", "Acme 2");
        Reply renamed = send(HttpRequest.newBuilder(URI.create(one.getURL() + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + aliceToken())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(renamed.body().at("/data/updateOrganization/userErrors")).isEmpty();
        awaitThat("replica two applied the rename", () -> received(two) == before + 1);
        int afterRename = organizationReads();

        read(two);
        assertThat(organizationReads()).isEqualTo(afterRename + 1);
        read(two);
        assertThat(organizationReads()).isEqualTo(afterRename + 1);
    }

    @Test
    @Order(5)
    void withTheSharedStoreOnAReplicaAnswersFromWhatTheOtherReadAndAChangeDropsItForBoth() {
        EmbeddedServer first = replica(Map.of("orgql.read-cache.shared", true));
        EmbeddedServer second = replica(Map.of("orgql.read-cache.shared", true));
        try {
            awaitThat("both subscribed", () -> redisConnected(first) && redisConnected(second));
            read(first);
            // The second replica has nothing of its own yet: Redis answers for Logto.
            read(second);
            assertThat(organizationReads()).isEqualTo(1);

            double before = received(second);
            first.getApplicationContext()
                    .getBean(ApplicationEventPublisher.class)
                    .publishEvent(new LogtoChange.OrganizationChanged(Ids.ORG_A));
            awaitThat("the second replica applied the change", () -> received(second) == before + 1);
            read(second);
            assertThat(organizationReads()).isEqualTo(2);
        } finally {
            first.getApplicationContext().close();
            second.getApplicationContext().close();
        }
    }

    private int organizationReads() {
        return LogtoMock.server()
                .findAll(WireMock.getRequestedFor(urlPathEqualTo("/api/organizations/" + Ids.ORG_A)))
                .size();
    }

    private static String aliceToken() {
        return TestTokens.organizationToken(LogtoMock.issuer(), Ids.ALICE, Ids.ORG_A, "");
    }

    private EmbeddedServer replica() {
        return replica(Map.of());
    }

    private EmbeddedServer replica(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logto.endpoint", LogtoMock.endpoint());
        properties.put("logto.m2m-app-id", LogtoMock.M2M_APP_ID);
        properties.put("logto.m2m-app-secret", LogtoMock.M2M_APP_SECRET);
        properties.put("orgql.api-resource", TestTokens.API_RESOURCE);
        properties.put("orgql.scope-policy", "live");
        properties.put(
                "orgql.webhooks.signing-keys",
                KEY + "," + V137.get("signingKey").asText());
        properties.put("endpoints.health.details-visible", "ANONYMOUS");
        properties.put("redis.uri", redis.uri());
        properties.put("orgql.redis.max-reconnect-delay", "100ms");
        properties.put("orgql.redis.channel", "orgql:test:" + redis.port());
        properties.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private void read(EmbeddedServer replica) {
        ObjectNode body = Fixtures.JSON.createObjectNode();
        body.put("query", QUERY);
        body.putObject("variables").put("id", Ids.ORG_A);
        String token = aliceToken();
        Reply answer = send(HttpRequest.newBuilder(URI.create(replica.getURL() + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(answer.body().at("/data/organization/viewerScopes")).hasSize(8);
    }

    /** The recorded v1.37.1 delivery of a role's scopes being added, verbatim with its signature. */
    private void deliverTemplateChange(EmbeddedServer replica) {
        for (JsonNode delivery : V137.get("deliveries")) {
            if (delivery.get("file")
                    .asText()
                    .equals("OrganizationRole.Scopes.Updated.add-organization-role-scopes.json")) {
                post(
                        replica,
                        delivery.get("rawBody").asText(),
                        delivery.get("signature").asText());
                return;
            }
        }
        throw new IllegalStateException("recorded delivery missing");
    }

    private void deliver(EmbeddedServer replica, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            post(replica, payload, HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8))));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(EmbeddedServer replica, String payload, String signature) {
        try {
            int status = HTTP.send(
                            HttpRequest.newBuilder(URI.create(replica.getURL() + "/webhooks/logto"))
                                    .header("Content-Type", "application/json")
                                    .header("logto-signature-sha-256", signature)
                                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            assertThat(status).isEqualTo(204);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Reply(int status, JsonNode body) {}

    private Reply get(EmbeddedServer replica, String path) {
        return send(HttpRequest.newBuilder(URI.create(replica.getURL() + path)).GET());
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), Fixtures.JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean redisConnected(EmbeddedServer replica) {
        return replica.getApplicationContext().getBean(RedisLink.class).connected();
    }

    private static double received(EmbeddedServer replica) {
        return counter(replica, "orgql.redis.messages.received");
    }

    private static double failed(EmbeddedServer replica) {
        return counter(replica, "orgql.redis.messages.failed");
    }

    private static double counter(EmbeddedServer replica, String name) {
        return replica.getApplicationContext()
                .getBean(MeterRegistry.class)
                .get(name)
                .counter()
                .count();
    }

    private static int scopeLookups() {
        return LogtoMock.server()
                .findAll(WireMock.getRequestedFor(urlPathMatching("/api/organizations/.*/users/.*/scopes")))
                .size();
    }

    /** Waits for something another thread does (a message, a reconnect), by tries: no timed assertion. */
    static void awaitThat(String what, BooleanSupplier condition) {
        for (int attempt = 0; attempt < 1500; attempt++) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Gave up waiting: " + what);
    }

    private static JsonNode recorded(String version) {
        try (var in = TwoReplicasTest.class.getResourceAsStream("/fixtures/webhooks/" + version + ".json")) {
            return Fixtures.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode scopes(String... names) {
        ArrayNode body = Fixtures.JSON.createArrayNode();
        JsonNode shape =
                Fixtures.recordedBody("16-list-user-organization-scopes.json").get(0);
        for (String name : names) {
            body.add(((ObjectNode) shape.deepCopy()).put("name", name).put("id", Ids.scopeId(name)));
        }
        return body;
    }
}
