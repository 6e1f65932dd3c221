package dev.orgql.graphql;

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
import dev.orgql.support.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Global object identification over HTTP: every {@code Node} type's id refetched through {@code node},
 * under the access rule of its normal path; strict decoding (nothing malformed reaches Logto); raw and
 * global ids both accepted by arguments; {@code nodes} in DataLoader batches.
 */
@MicronautTest
class NodeTest extends GatewayTest {
    private static final String BOB = "b0b0b0b0b0b0";
    private static final String CAROL = "c4r0lc4r0lc4";
    private static final String BOT = "c7n2m8k4j1h9g5f3d6s0a";
    private static final String INV_A = "inva1234567890abcdefg";
    private static final String INV_B = "invb1234567890abcdefg";

    private static final String NODE = "query($id: ID!) { node(id: $id) { __typename id } }";
    private static final String NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }";

    @Inject
    TemplateCache template;

    @BeforeEach
    void stubTenant() {
        template.invalidate();
        for (String org : List.of(Ids.ORG_A, Ids.ORG_B)) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + org))
                    .willReturn(LogtoMock.json(Fixtures.organization(org, org.equals(Ids.ORG_A) ? "Acme" : "Globex"))));
        }
        ArrayNode membersA = Fixtures.JSON
                .createArrayNode()
                .add(Fixtures.member(Ids.ALICE, "Alice", Ids.ROLE_ADMIN, "admin"))
                .add(Fixtures.member(BOB, "Bob", Ids.ROLE_MEMBER, "member"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(membersA, 2)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_B + "/users"))
                .willReturn(LogtoMock.page(
                        Fixtures.JSON.createArrayNode().add(Fixtures.member(CAROL, "Carol", Ids.ROLE_MEMBER, "member")),
                        1)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/applications"))
                .willReturn(LogtoMock.page(
                        Fixtures.JSON.createArrayNode().add(Fixtures.bot(BOT, "Deploy bot", Ids.ROLE_BOT, "bot")), 1)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-invitations"))
                .withQueryParam("organizationId", WireMock.equalTo(Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.JSON
                        .createArrayNode()
                        .add(Fixtures.invitation(
                                INV_A, Ids.ORG_A, Ids.ALICE, "dave@example.com", "Pending", null, null)))));
        for (String[] inv : List.of(new String[] {INV_A, Ids.ORG_A}, new String[] {INV_B, Ids.ORG_B})) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-invitations/" + inv[0]))
                    .willReturn(LogtoMock.json(Fixtures.invitation(
                            inv[0], inv[1], Ids.ALICE, "dave@example.com", "Pending", null, null))));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode().add(Fixtures.user(Ids.ALICE, "Alice")), 1)));
        // A user token's scopes are looked up live: Alice reads in Acme, holds nothing in Globex.
        LogtoMock.stub(WireMock.get(
                        urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users/" + Ids.ALICE + "/scopes"))
                .willReturn(LogtoMock.json(Fixtures.JSON
                        .createArrayNode()
                        .add(((com.fasterxml.jackson.databind.node.ObjectNode)
                                        Fixtures.load("organization.user.scopes.list.json")
                                                .get(0)
                                                .deepCopy())
                                .put("id", Ids.scopeId("read:data"))
                                .put("name", "read:data")))));
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_B + "/users/" + Ids.ALICE + "/scopes"))
                        .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode())));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-scopes"))
                .willReturn(LogtoMock.json(Fixtures.defaultTemplateScopes())));
    }

    @Test
    void everyTypeRoundTripsFromItsNormalPathThroughNodes() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        Answer read = graphql(token, """
                query($org: ID!) {
                  organization(id: $org) {
                    id organizationId name
                    members { nodes { id userId user { id userId name } } }
                    bots { nodes { id applicationId name } }
                    invitations { nodes { id invitationId invitee } }
                  }
                  organizationTemplate { roles { id roleId name } scopes { id scopeId name } }
                }""", Map.of("org", Ids.ORG_A));
        assertThat(read.errors()).isNull();
        JsonNode org = read.data().get("organization");
        assertThat(org.get("organizationId").asText()).isEqualTo(Ids.ORG_A);
        assertThat(org.get("id").asText()).isEqualTo(GlobalIds.encode("Organization", Ids.ORG_A));
        JsonNode alice = org.at("/members/nodes/0");
        assertThat(alice.get("userId").asText()).isEqualTo(Ids.ALICE);
        assertThat(alice.get("id").asText()).isEqualTo(GlobalIds.encode("Member", Ids.ORG_A, Ids.ALICE));
        assertThat(alice.at("/user/id").asText()).isEqualTo(GlobalIds.encode("User", Ids.ALICE));
        assertThat(org.at("/bots/nodes/0/applicationId").asText()).isEqualTo(BOT);
        assertThat(org.at("/invitations/nodes/0/invitationId").asText()).isEqualTo(INV_A);
        assertThat(read.data().at("/organizationTemplate/roles/0/roleId").asText())
                .isEqualTo(Ids.ROLE_ADMIN);

        List<String> ids = List.of(
                org.get("id").asText(),
                alice.get("id").asText(),
                org.at("/bots/nodes/0/id").asText(),
                org.at("/invitations/nodes/0/id").asText(),
                alice.at("/user/id").asText(),
                read.data().at("/organizationTemplate/roles/0/id").asText(),
                read.data().at("/organizationTemplate/scopes/0/id").asText());
        Answer nodes = graphql(
                token,
                "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id"
                        + " ... on Organization { name } ... on Member { userId user { name } }"
                        + " ... on Bot { name } ... on Invitation { invitee } ... on User { userName: name }"
                        + " ... on Role { name } ... on Scope { name } } }",
                Map.of("ids", ids));

        assertThat(nodes.errors()).isNull();
        JsonNode list = nodes.data().get("nodes");
        assertThat(list)
                .extracting(n -> n.get("__typename").asText())
                .containsExactly("Organization", "Member", "Bot", "Invitation", "User", "Role", "Scope");
        assertThat(list).extracting(n -> n.get("id").asText()).containsExactlyElementsOf(ids);
        assertThat(list.get(0).get("name").asText()).isEqualTo("Acme");
        assertThat(list.get(1).at("/user/name").asText()).isEqualTo("Alice");
        assertThat(list.get(2).get("name").asText()).isEqualTo("Deploy bot");
        assertThat(list.get(3).get("invitee").asText()).isEqualTo("dave@example.com");
        assertThat(list.get(4).get("userName").asText()).isEqualTo("Alice");
        assertThat(list.get(5).get("name").asText()).isEqualTo("admin");
        assertThat(list.get(6).get("name").asText())
                .isEqualTo(read.data().at("/organizationTemplate/scopes/0/name").asText());
    }

    @Test
    void theSameUserInTwoOrganizationsIsTwoMembers() {
        assertThat(GlobalIds.encode("Member", Ids.ORG_A, Ids.ALICE))
                .isNotEqualTo(GlobalIds.encode("Member", Ids.ORG_B, Ids.ALICE))
                .isNotEqualTo(GlobalIds.encode("User", Ids.ALICE));
        assertThat(GlobalIds.decode("id", GlobalIds.encode("Bot", Ids.ORG_A, BOT)))
                .isEqualTo(new GlobalIds.Decoded("Bot", List.of(Ids.ORG_A, BOT)));
    }

    /**
     * {@code node} under the rule of each type's normal path: the object (by the org it is in, or "-"),
     * the token (kind, and the organization it is bound to), its scopes, and the answer: OK or the code.
     * Alice reads in Acme (ORG_A) and holds nothing in Globex (ORG_B), when asked live for a user token.
     */
    @ParameterizedTest(name = "{0} in {1} with {2} bound to {3} [{4}] -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            Organization | A | USER_ORGANIZATION | A | read:data | OK
            Organization | A | USER_ORGANIZATION | B | read:data | FORBIDDEN
            Organization | A | USER_ORGANIZATION | A | ''        | FORBIDDEN
            Organization | A | USER              | - | ''        | OK
            Organization | B | USER              | - | ''        | FORBIDDEN
            Organization | A | BOT_ORGANIZATION  | A | read:data | OK
            Organization | A | MACHINE           | - | ''        | FORBIDDEN
            Organization | - | ANONYMOUS         | - | ''        | UNAUTHENTICATED
            Organization | X | USER_ORGANIZATION | X | read:data | NOT_FOUND
            Member       | A | USER_ORGANIZATION | A | read:data | OK
            Member       | A | USER_ORGANIZATION | B | read:data | FORBIDDEN
            Member       | B | USER_ORGANIZATION | A | read:data | FORBIDDEN
            Member       | A | USER_ORGANIZATION | A | ''        | FORBIDDEN
            Member       | A | USER              | - | ''        | OK
            Member       | B | USER              | - | ''        | FORBIDDEN
            Member       | A | BOT_ORGANIZATION  | A | read:data | OK
            Member       | A | MACHINE           | - | ''        | FORBIDDEN
            Member       | X | USER_ORGANIZATION | A | read:data | NOT_FOUND
            Bot          | A | USER_ORGANIZATION | A | read:data | OK
            Bot          | A | USER_ORGANIZATION | B | read:data | FORBIDDEN
            Bot          | A | BOT_ORGANIZATION  | B | read:data | FORBIDDEN
            Bot          | A | USER              | - | ''        | OK
            Invitation   | A | USER_ORGANIZATION | A | read:data | OK
            Invitation   | A | USER_ORGANIZATION | B | read:data | FORBIDDEN
            Invitation   | B | USER_ORGANIZATION | A | read:data | FORBIDDEN
            Invitation   | A | USER              | - | ''        | OK
            Invitation   | B | USER              | - | ''        | FORBIDDEN
            Invitation   | A | MACHINE           | - | ''        | FORBIDDEN
            User         | - | USER              | - | ''        | OK
            User         | - | USER_ORGANIZATION | B | ''        | OK
            User         | - | OTHER_USER        | - | ''        | FORBIDDEN
            User         | - | BOT_ORGANIZATION  | A | read:data | FORBIDDEN
            User         | - | MACHINE           | - | ''        | FORBIDDEN
            Role         | - | USER              | - | ''        | OK
            Role         | - | USER_ORGANIZATION | B | ''        | OK
            Role         | - | BOT_ORGANIZATION  | A | read:data | FORBIDDEN
            Role         | - | MACHINE           | - | ''        | FORBIDDEN
            Scope        | - | USER              | - | ''        | OK
            Scope        | - | BOT_ORGANIZATION  | A | read:data | FORBIDDEN
            Scope        | - | MACHINE           | - | ''        | FORBIDDEN
            """)
    void nodeFollowsTheRuleOfTheNormalPath(
            String type, String in, String kind, String boundTo, String scopes, String expected) {
        String id = id(type, in);

        Answer answer = graphql(token(kind, boundTo, scopes), NODE, Map.of("id", id));

        if (expected.equals("OK")) {
            assertThat(answer.errors()).isNull();
            assertThat(answer.data().at("/node/__typename").asText()).isEqualTo(type);
            assertThat(answer.data().at("/node/id").asText()).isEqualTo(id);
        } else if (expected.equals("UNAUTHENTICATED")) {
            assertThat(answer.status()).isEqualTo(401);
        } else {
            assertThat(answer.data().get("node").isNull()).isTrue();
            assertThat(answer.errorCode()).isEqualTo(expected);
            assertThat(answer.firstError().get("path").toString()).isEqualTo("[\"node\"]");
        }
    }

    @Test
    void nodesAnswersPerPositionWithTheErrorAtItsIndex() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        List<String> ids = List.of(
                GlobalIds.encode("Member", Ids.ORG_A, Ids.ALICE),
                GlobalIds.encode("Member", Ids.ORG_B, CAROL),
                GlobalIds.encode("Organization", Ids.ORG_A));

        Answer answer = graphql(token, NODES, Map.of("ids", ids));

        JsonNode list = answer.data().get("nodes");
        assertThat(list.get(0).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(list.get(1).isNull()).isTrue();
        assertThat(list.get(2).get("id").asText()).isEqualTo(ids.get(2));
        assertThat(answer.errors()).hasSize(1);
        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(answer.firstError().get("path").toString()).isEqualTo("[\"nodes\",1]");
        // Nothing of Globex was read for a token bound to Acme.
        assertThat(LogtoMock.calls()).noneMatch(call -> call.contains(Ids.ORG_B));
    }

    @Test
    void nodesOfTwentyMembersOfOneOrganizationIsOneCall() {
        ArrayNode members = Fixtures.JSON.createArrayNode();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String user = String.format("user%08d", i);
            members.add(Fixtures.member(user, "User " + i, Ids.ROLE_MEMBER, "member"));
            ids.add(GlobalIds.encode("Member", Ids.ORG_A, user));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(members, 20)));

        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Member { userId user { name } roles { name } } } }",
                Map.of("ids", ids));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().get("nodes")).hasSize(20);
        assertThat(answer.data().at("/nodes/19/roles/0/name").asText()).isEqualTo("member");
        assertThat(LogtoMock.calls())
                .containsExactlyInAnyOrder(
                        "GET /api/organizations/" + Ids.ORG_A + "/users?page=1&page_size=100",
                        "GET /api/organization-roles?page=1&page_size=100");
    }

    @Test
    void membersBeyondTheFirstPageAreLookedUpTogether() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(
                        Fixtures.JSON
                                .createArrayNode()
                                .add(Fixtures.member(Ids.ALICE, "Alice", Ids.ROLE_ADMIN, "admin")),
                        150)));
        ArrayNode users = Fixtures.JSON.createArrayNode();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String user = String.format("user%08d", i);
            users.add(Fixtures.user(user, "User " + i));
            ids.add(GlobalIds.encode("Member", Ids.ORG_A, user));
        }
        // user00000004 is no member: Logto lists it among those outside the organization.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .withQueryParam("excludeOrganizationId", WireMock.absent())
                .willReturn(LogtoMock.page(users, 5)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .withQueryParam("excludeOrganizationId", WireMock.equalTo(Ids.ORG_A))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode().add(users.get(4)), 1)));

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), NODES, Map.of("ids", ids));

        JsonNode list = answer.data().get("nodes");
        assertThat(list.get(3).get("id").asText()).isEqualTo(ids.get(3));
        assertThat(list.get(4).isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(LogtoMock.calls()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "raw Logto id",
                "../ in a part",
                "encoded ../ in a part",
                "control character",
                "huge",
                "unknown type",
                "too few parts",
                "not base64",
                "padded",
                "other version"
            })
    void malformedIdsAreBadUserInputAndReachNoOne(String kind) {
        String id = switch (kind) {
            case "raw Logto id" -> Ids.ORG_B;
            case "../ in a part" -> b64("v1:Member:../../api:" + Ids.ALICE);
            case "encoded ../ in a part" -> b64("v1:Organization:%2E%2E%2Fapi");
            case "control character" -> b64("v1:Organization:ab%00cd");
            case "huge" -> GlobalIds.PREFIX + "A".repeat(100_000);
            case "unknown type" -> b64("v1:Application:" + BOT);
            case "too few parts" -> b64("v1:Member:" + Ids.ALICE);
            case "not base64" -> GlobalIds.PREFIX + "!!";
            case "padded" -> GlobalIds.encode("Organization", Ids.ORG_A) + "=";
            default -> b64("v2:Organization:" + Ids.ORG_A);
        };
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        Answer node = graphql(token, NODE, Map.of("id", id));
        Answer nodes = graphql(token, NODES, Map.of("ids", List.of(GlobalIds.encode("Organization", Ids.ORG_A), id)));
        Answer organization = graphql(token, "query($id: ID!) { organization(id: $id) { name } }", Map.of("id", id));

        assertThat(node.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(nodes.errorCode()).isEqualTo("BAD_USER_INPUT");
        if (GlobalIds.looksGlobal(id)) {
            assertThat(organization.errorCode()).isEqualTo("BAD_USER_INPUT");
        } else {
            // Not meant as a global id: an argument takes it as a raw Logto id (here one of no organization).
            assertThat(organization.errorCode()).isEqualTo("FORBIDDEN");
        }
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void anIdOfTheWrongTypeIsBadUserInput() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        Answer answer = graphql(
                token,
                "query($id: ID!) { organization(id: $id) { name } }",
                Map.of("id", GlobalIds.encode("Member", Ids.ORG_A, Ids.ALICE)));

        assertThat(answer.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(answer.firstError().get("message").asText()).contains("is the id of a Member, not of Organization");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void argumentsTakeTheRawAndTheGlobalId() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        String query =
                "query($id: ID!, $role: ID) { organization(id: $id) { name members(roleId: $role) { totalCount } } }";

        Answer invitation = graphql(
                token,
                "query($id: ID!) { invitation(id: $id) { invitationId } }",
                Map.of("id", GlobalIds.encode("Invitation", INV_A)));
        assertThat(invitation.data().at("/invitation/invitationId").asText()).isEqualTo(INV_A);
        Answer raw = graphql(token, query, Map.of("id", Ids.ORG_A, "role", Ids.ROLE_ADMIN));
        Answer global = graphql(
                token,
                query,
                Map.of(
                        "id",
                        GlobalIds.encode("Organization", Ids.ORG_A),
                        "role",
                        GlobalIds.encode("Role", Ids.ROLE_ADMIN)));

        assertThat(raw.errors()).isNull();
        assertThat(global.errors()).isNull();
        assertThat(global.data()).isEqualTo(raw.data());
        // Logto only ever sees its own ids.
        assertThat(LogtoMock.calls()).allMatch(call -> !call.contains(GlobalIds.PREFIX));
        assertThat(LogtoMock.calls()).anyMatch(call -> call.contains("organizationRoleId=" + Ids.ROLE_ADMIN));
    }

    @Test
    void aMutationTakesTheBotsGlobalIdOfItsOrganizationOnly() {
        LogtoMock.stub(WireMock.delete(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/applications/" + BOT))
                .willReturn(LogtoMock.noContent()));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "manage:member");
        String mutation =
                "mutation($org: ID!, $bot: ID!) { removeBot(input: {organizationId: $org, applicationId: $bot})"
                        + " { removedApplicationId userErrors { code field } } }";

        Answer elsewhere =
                graphql(token, mutation, Map.of("org", Ids.ORG_A, "bot", GlobalIds.encode("Bot", Ids.ORG_B, BOT)));
        assertThat(elsewhere.data().at("/removeBot/userErrors/0/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.writes()).isEmpty();

        Answer removed = graphql(
                token,
                mutation,
                Map.of(
                        "org",
                        GlobalIds.encode("Organization", Ids.ORG_A),
                        "bot",
                        GlobalIds.encode("Bot", Ids.ORG_A, BOT)));
        assertThat(removed.data().at("/removeBot/userErrors").size()).isZero();
        assertThat(removed.data().at("/removeBot/removedApplicationId").asText())
                .isEqualTo(BOT);
        assertThat(LogtoMock.writes())
                .containsExactly("DELETE /api/organizations/" + Ids.ORG_A + "/applications/" + BOT);
    }

    @Test
    void eachIdCostsLikeOneNodeAndAtMostAHundredAreTaken() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(GlobalIds.encode("Role", Ids.ROLE_ADMIN));
        }
        Answer answer = graphql(token, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", twenty));
        assertThat(answer.errors()).isNull();
        assertThat(answer.body().at("/extensions/cost/requested").asLong()).isEqualTo(1 + 20);

        List<String> many = new ArrayList<>();
        for (int i = 0; i <= NodeQueries.MAX_IDS; i++) {
            many.add(GlobalIds.encode("Role", Ids.ROLE_ADMIN));
        }
        LogtoMock.clearJournal();
        Answer refused = graphql(token, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", many));
        assertThat(refused.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(refused.firstError().get("message").asText()).contains("at most 100 ids");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String org(String label) {
        // X: an organization Logto no longer has (its token is still valid).
        return label.equals("B") ? Ids.ORG_B : label.equals("X") ? "gone00000000" : Ids.ORG_A;
    }

    private static String id(String type, String in) {
        return switch (type) {
            case "Organization" -> GlobalIds.encode(type, org(in));
            case "Member" ->
                in.equals("X")
                        ? GlobalIds.encode(type, Ids.ORG_A, CAROL)
                        : GlobalIds.encode(type, org(in), in.equals("B") ? CAROL : Ids.ALICE);
            case "Bot" -> GlobalIds.encode(type, org(in), BOT);
            case "Invitation" -> GlobalIds.encode(type, in.equals("B") ? INV_B : INV_A);
            case "User" -> GlobalIds.encode(type, Ids.ALICE);
            case "Role" -> GlobalIds.encode(type, Ids.ROLE_ADMIN);
            default -> GlobalIds.encode(type, Ids.scopeId("read:data"));
        };
    }

    private String token(String kind, String boundTo, String scopes) {
        return switch (kind) {
            case "USER_ORGANIZATION" -> orgToken(Ids.ALICE, org(boundTo), scopes);
            case "USER" -> userToken(Ids.ALICE, scopes);
            case "OTHER_USER" -> userToken(BOB, scopes);
            case "BOT_ORGANIZATION" ->
                TestTokens.token(LogtoMock.issuer())
                        .subject(BOT)
                        .claim("client_id", BOT)
                        .audience("urn:logto:organization:" + org(boundTo))
                        .scope(scopes)
                        .sign();
            case "MACHINE" ->
                TestTokens.token(LogtoMock.issuer())
                        .subject(BOT)
                        .claim("client_id", BOT)
                        .audience(TestTokens.API_RESOURCE)
                        .scope(scopes)
                        .sign();
            default -> null;
        };
    }
}
