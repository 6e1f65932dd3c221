package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The short shared read caches, seen from outside: an answer is kept for its kind's TTL (a clock the test
 * moves, no sleeping) and read again after it; the gateway's own writes and Logto's webhook deliveries
 * (the recorded ones of both versions) drop exactly what they make stale, so the next request reads it
 * again. Member pages are kept here (5 s) though they are off by default.
 */
@MicronautTest
class ReadCacheTest extends GatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORG = "/api/organizations/" + Ids.ORG_A;
    static final FakeClock CLOCK = new FakeClock();

    @Inject
    TemplateCache template;

    @MockBean(ReadCacheClock.class)
    ReadCacheClock clock() {
        return CLOCK;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.read-cache.members.ttl",
                "5s",
                "orgql.webhooks.signing-keys",
                webhooks("v1.37.1").get("signingKey").asText() + ","
                        + webhooks("v1.42.0").get("signingKey").asText());
    }

    @BeforeEach
    void stubs() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        stubOrganization(Ids.ORG_A, "Acme");
    }

    @Test
    void anOrganizationIsKeptForItsTtlAndReadAgainAfter() {
        stubOrganization(Ids.ORG_A, "Acme");

        assertThat(organizationName(Ids.ORG_A)).isEqualTo("Acme");
        assertThat(organizationName(Ids.ORG_A)).isEqualTo("Acme");
        assertThat(reads(ORG)).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(9));
        organizationName(Ids.ORG_A);
        assertThat(reads(ORG)).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(2));
        organizationName(Ids.ORG_A);
        assertThat(reads(ORG)).isEqualTo(2);
    }

    @Test
    void memberPagesAreKeptForTheirTtlPerExactRead() {
        stubMembers();

        memberIds(5);
        memberIds(5);
        assertThat(reads(ORG + "/users")).isEqualTo(1);

        // Another page size is another read.
        memberIds(10);
        assertThat(reads(ORG + "/users")).isEqualTo(2);

        CLOCK.advance(Duration.ofSeconds(6));
        memberIds(5);
        assertThat(reads(ORG + "/users")).isEqualTo(3);
    }

    @Test
    void renamingTheOrganizationMakesTheNextQueryReadItAgain() {
        stubOrganization(Ids.ORG_A, "Acme");
        LogtoMock.stub(WireMock.patch(urlPathEqualTo(ORG))
                .willReturn(LogtoMock.json(((com.fasterxml.jackson.databind.node.ObjectNode)
                                Fixtures.load("organization.patch.response.json"))
                        .put("id", Ids.ORG_A))));
        organizationName(Ids.ORG_A);
        assertThat(reads(ORG)).isEqualTo(1);

        Answer renamed = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:organization"),
                operation("renameOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "name", "Acme 2")));
        assertThat(renamed.errors()).as(renamed.body().toString()).isNull();
        long afterWrite = reads(ORG);

        organizationName(Ids.ORG_A);
        assertThat(reads(ORG)).isEqualTo(afterWrite + 1);
        organizationName(Ids.ORG_A);
        assertThat(reads(ORG)).isEqualTo(afterWrite + 1);
    }

    @Test
    void changingMembersRolesMakesTheNextQueryReadTheMemberPagesAgain() {
        stubMembers();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users/roles")).willReturn(LogtoMock.created()));
        memberIds(5);
        assertThat(reads(ORG + "/users")).isEqualTo(1);

        Answer assigned = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member"),
                operation("assignMemberRolesCodes"),
                Map.of(
                        "input",
                        Map.of(
                                "organizationId",
                                Ids.ORG_A,
                                "userIds",
                                List.of(Ids.user(1)),
                                "roleIds",
                                List.of(Ids.ROLE_ADMIN))));
        assertThat(assigned.errors()).as(assigned.body().toString()).isNull();
        assertThat(LogtoMock.writes()).containsExactly("POST " + ORG + "/users/roles");

        memberIds(5);
        assertThat(reads(ORG + "/users")).isEqualTo(2);
    }

    @Test
    void aRefusedWriteDropsNothing() {
        stubMembers();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG + "/users/roles"))
                .willReturn(LogtoMock.error(422, "422.organization.require_membership.json")));
        memberIds(5);

        graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member"),
                operation("assignMemberRolesCodes"),
                Map.of(
                        "input",
                        Map.of(
                                "organizationId",
                                Ids.ORG_A,
                                "userIds",
                                List.of(Ids.user(1)),
                                "roleIds",
                                List.of(Ids.ROLE_ADMIN))));

        memberIds(5);
        assertThat(reads(ORG + "/users")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.37.1", "v1.42.0"})
    void anOrganizationUpdateWebhookMakesTheNextQueryReadItAgain(String version) {
        JsonNode recorded = webhooks(version);
        JsonNode delivery = delivery(recorded, "Organization.Data.Updated.update-organization.json");
        String organizationId =
                parse(delivery.get("rawBody").asText()).at("/data/id").asText();
        stubOrganization(organizationId, "Recorded");
        String path = "/api/organizations/" + organizationId;
        organizationName(organizationId);
        organizationName(organizationId);
        assertThat(reads(path)).isEqualTo(1);

        assertThat(post(delivery)).isEqualTo(204);
        organizationName(organizationId);

        assertThat(reads(path)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.37.1", "v1.42.0"})
    void aMembershipWebhookMakesTheNextQueryReadTheMemberPagesAgain(String version) {
        JsonNode delivery = delivery(webhooks(version), "Organization.Membership.Updated.add-member.json");
        String organizationId =
                parse(delivery.get("rawBody").asText()).get("organizationId").asText();
        String path = "/api/organizations/" + organizationId + "/users";
        stubOrganization(organizationId, "Recorded");
        LogtoMock.stub(WireMock.get(urlPathEqualTo(path)).willReturn(LogtoMock.page(members(3), 3)));
        memberIds(organizationId, 5);
        memberIds(organizationId, 5);
        assertThat(reads(path)).isEqualTo(1);

        assertThat(post(delivery)).isEqualTo(204);
        memberIds(organizationId, 5);

        assertThat(reads(path)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v1.37.1/User.Data.Updated.update-user.json",
                "v1.37.1/User.Data.Updated.update-user-custom-data.json",
                "v1.42.0/User.Data.Updated.update-user-profile.json",
                "v1.42.0/User.SuspensionStatus.Updated.suspend-user.json",
                "v1.42.0/User.Deleted.delete-user-in-org.json"
            })
    void aUserWebhookMakesTheNextQueryReadThatUserAgain(String recording) {
        String[] parts = recording.split("/");
        JsonNode delivery = delivery(webhooks(parts[0]), parts[1]);
        // The user is named in params.userId: the only place a custom-data or profile update names them.
        String userId =
                parse(delivery.get("rawBody").asText()).at("/params/userId").asText();
        ArrayNode invitations = Fixtures.JSON
                .createArrayNode()
                .add(Fixtures.invitation(
                        "inv000000000000000001",
                        Ids.ORG_A,
                        userId,
                        "guest@example.com",
                        "Pending",
                        Ids.ROLE_MEMBER,
                        "member"));
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo("/api/organization-invitations")).willReturn(LogtoMock.json(invitations)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode().add(Fixtures.user(userId, "Inviter")), 1)));
        inviters();
        inviters();
        assertThat(reads("/api/users")).isEqualTo(1);

        assertThat(post(delivery)).isEqualTo(204);
        inviters();

        assertThat(reads("/api/users")).isEqualTo(2);
    }

    @Test
    void aWebhookOfAnotherOrganizationDropsNothingHere() {
        stubOrganization(Ids.ORG_A, "Acme");
        organizationName(Ids.ORG_A);

        assertThat(post(delivery(webhooks("v1.42.0"), "Organization.Data.Updated.update-organization.json")))
                .isEqualTo(204);
        organizationName(Ids.ORG_A);

        assertThat(reads(ORG)).isEqualTo(1);
    }

    private static void stubOrganization(String id, String name) {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + id))
                .willReturn(LogtoMock.json(Fixtures.organization(id, name))));
    }

    private static void stubMembers() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users")).willReturn(LogtoMock.page(members(3), 3)));
    }

    private static ArrayNode members(int count) {
        ArrayNode members = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            members.add(Fixtures.member(Ids.user(i), "Member " + i, Ids.ROLE_MEMBER, "member"));
        }
        return members;
    }

    private String organizationName(String organizationId) {
        Answer answer = graphql(
                orgToken(Ids.ALICE, organizationId, "read:data"),
                operation("organizationName"),
                Map.of("id", organizationId));
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        return answer.data().at("/organization/name").asText();
    }

    private void inviters() {
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                "{ organization(id: \"" + Ids.ORG_A
                        + "\") { invitations(first: 10) { nodes { inviter { name } } } } }");
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        assertThat(answer.data()
                        .at("/organization/invitations/nodes/0/inviter/name")
                        .asText())
                .isEqualTo("Inviter");
    }

    private void memberIds(int first) {
        memberIds(Ids.ORG_A, first);
    }

    private void memberIds(String organizationId, int first) {
        Answer answer = graphql(
                orgToken(Ids.ALICE, organizationId, "read:data"),
                operation("memberIds"),
                Map.of("id", organizationId, "first", first));
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
    }

    /** GETs of exactly this path, with any query. */
    static long reads(String path) {
        return LogtoMock.calls().stream()
                .filter(call -> call.equals("GET " + path) || call.startsWith("GET " + path + "?"))
                .count();
    }

    static JsonNode webhooks(String version) {
        try (InputStream in = ReadCacheTest.class.getResourceAsStream("/fixtures/webhooks/" + version + ".json")) {
            return Fixtures.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode delivery(JsonNode recorded, String file) {
        for (JsonNode delivery : recorded.get("deliveries")) {
            if (delivery.get("file").asText().equals(file)) {
                return delivery;
            }
        }
        throw new IllegalArgumentException("No recorded delivery " + file);
    }

    private static JsonNode parse(String json) {
        try {
            return Fixtures.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int post(JsonNode delivery) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/webhooks/logto"))
                    .header("Content-Type", "application/json")
                    .header("logto-signature-sha-256", delivery.get("signature").asText())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            delivery.get("rawBody").asText()))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves. */
    static final class FakeClock implements ReadCacheClock {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }
}
