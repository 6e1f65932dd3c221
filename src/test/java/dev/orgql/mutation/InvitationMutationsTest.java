package dev.orgql.mutation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The invitation lifecycle against WireMock, with Logto's bodies from the v1.37.1 recordings (19, 22)
 * and the derived examples: create + email, email failing (501, 429), many at once, resend, revoke,
 * accept, decline, expiry, the landing page's visibility and the invitee's own list.
 */
@MicronautTest
class InvitationMutationsTest extends GatewayTest {
    static final String INV = "t38nii26smfqutjqxwv8h";
    static final String INVITEE = "bob.mwrs5zyi@example.com";
    static final String BOB = "w8e2r6t4y1u9";
    static final String EVE = "e0e0e0e0e0e0";
    static final String BASE = "/api/organization-invitations";
    static final String LINK = "https://app.example.com/invitation/accept/" + INV;

    @Inject
    TemplateCache template;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.invitation-link-template", "https://app.example.com/invitation/accept/{invitationId}");
    }

    @BeforeEach
    void stubTemplateAndUsers() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        ArrayNode users = Fixtures.JSON.createArrayNode();
        users.add(Fixtures.user(Ids.ALICE, "Alice Admin"));
        users.add(Fixtures.user(BOB, "Bob").put("primaryEmail", "Bob.MWRS5ZYI@example.com")); // case differs on purpose
        users.add(Fixtures.user(EVE, "Eve"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users")).willReturn(LogtoMock.page(users, users.size())));
        // The pending-invitation check before creating (none pending unless a test says otherwise).
        LogtoMock.stub(WireMock.get(urlPathEqualTo(BASE))
                .withQueryParam("organizationId", WireMock.matching(".+"))
                .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode())));
    }

    /** The recorded invitation (19), Pending, expiring in a week unless told otherwise. */
    static ObjectNode invitation(String status, long expiresAt) {
        ObjectNode body =
                Fixtures.recordedBody("19-create-organization-invitation.json").deepCopy();
        body.put("status", status).put("expiresAt", expiresAt);
        return body;
    }

    static ObjectNode pending() {
        return invitation("Pending", Instant.now().plus(Duration.ofDays(7)).toEpochMilli());
    }

    static void stubGet(JsonNode body) {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(BASE + "/" + INV)).willReturn(LogtoMock.json(body)));
    }

    static Map<String, Object> invite(Object... extra) {
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("organizationId", Ids.ORG_A);
        input.put("invitee", INVITEE);
        input.put("roleIds", List.of(Ids.ROLE_MEMBER));
        for (int i = 0; i < extra.length; i += 2) {
            input.put((String) extra[i], extra[i + 1]);
        }
        return Map.of("input", input);
    }

    static Map<String, Object> byId() {
        return Map.of("input", Map.of("invitationId", INV));
    }

    String inviter() {
        return orgToken(Ids.ALICE, Ids.ORG_A, "read:data invite:member");
    }

    String manager() {
        return orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member");
    }

    String bob() {
        return userToken(BOB, "");
    }

    // ---- creating and emailing

    @Test
    void inviteMemberCreatesWithoutEmailThenSendsTheTemplatedLink() {
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .willReturn(LogtoMock.json(201, pending().toString())));
        LogtoMock.stub(
                WireMock.post(urlPathEqualTo(BASE + "/" + INV + "/message")).willReturn(LogtoMock.noContent()));
        long before = Instant.now().plus(Duration.ofDays(7)).toEpochMilli();

        Answer answer = graphql(inviter(), operation("inviteMember"), invite());

        assertThat(answer.errors()).isNull();
        JsonNode payload = answer.data().get("inviteMember");
        assertThat(payload.get("userErrors")).isEmpty();
        assertThat(payload.at("/invitation/invitationId").asText()).isEqualTo(INV);
        assertThat(payload.at("/invitation/status").asText()).isEqualTo("PENDING");
        assertThat(payload.at("/invitation/roles/0/name").asText()).isEqualTo("member");
        assertThat(payload.at("/invitation/inviter/userId").asText()).isEqualTo(Ids.ALICE);
        assertThat(payload.get("emailSent").asBoolean()).isTrue();
        assertThat(payload.get("emailFailure").isNull()).isTrue();
        assertThat(LogtoMock.writes()).containsExactly("POST " + BASE, "POST " + BASE + "/" + INV + "/message");

        JsonNode create = LogtoMock.bodyOf("POST", BASE);
        assertThat(create.get("inviterId").asText()).isEqualTo(Ids.ALICE); // the caller, never input
        assertThat(create.get("invitee").asText()).isEqualTo(INVITEE);
        assertThat(create.get("organizationId").asText()).isEqualTo(Ids.ORG_A);
        assertThat(create.get("organizationRoleIds")).isEqualTo(Fixtures.JSON.valueToTree(List.of(Ids.ROLE_MEMBER)));
        assertThat(create.get("messagePayload").isBoolean()
                        && !create.get("messagePayload").asBoolean())
                .isTrue();
        assertThat(create.get("expiresAt").asLong()).isBetween(before - 1000, before + 60_000); // default: 7 days
        assertThat(LogtoMock.bodyOf("POST", BASE + "/" + INV + "/message"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("link", LINK)));
    }

    @Test
    void sendEmailFalseMakesOneCall() {
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .willReturn(LogtoMock.json(201, pending().toString())));
        Answer answer = graphql(
                inviter(),
                operation("inviteMember"),
                invite("sendEmail", false, "expiresAt", "2099-01-01T00:00:00.000Z"));
        assertThat(answer.data().at("/inviteMember/emailSent").asBoolean()).isFalse();
        assertThat(answer.data().at("/inviteMember/emailFailure").isNull()).isTrue();
        assertThat(LogtoMock.writes()).containsExactly("POST " + BASE);
        assertThat(LogtoMock.bodyOf("POST", BASE).get("expiresAt").asLong())
                .isEqualTo(Instant.parse("2099-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void emailFailingWith501Or429KeepsTheInvitationAndSaysWhy() {
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .willReturn(LogtoMock.json(201, pending().toString())));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE + "/" + INV + "/message"))
                .willReturn(LogtoMock.error(501, "501.connector.not_found.json")));

        JsonNode noConnector =
                graphql(inviter(), operation("inviteMember"), invite()).data().get("inviteMember");
        assertThat(noConnector.get("userErrors")).isEmpty();
        assertThat(noConnector.at("/invitation/invitationId").asText()).isEqualTo(INV);
        assertThat(noConnector.get("emailSent").asBoolean()).isFalse();
        assertThat(noConnector.at("/emailFailure/code").asText()).isEqualTo("NO_EMAIL_CONNECTOR");
        assertThat(LogtoMock.writes()).containsExactly("POST " + BASE, "POST " + BASE + "/" + INV + "/message");

        LogtoMock.clearJournal();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE + "/" + INV + "/message"))
                .willReturn(LogtoMock.error(429, "429.request.message_rate_limited.json")));
        JsonNode limited =
                graphql(inviter(), operation("inviteMember"), invite()).data().get("inviteMember");
        assertThat(limited.at("/invitation/invitationId").asText()).isEqualTo(INV);
        assertThat(limited.get("emailSent").asBoolean()).isFalse();
        assertThat(limited.at("/emailFailure/code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.at("/emailFailure/message").asText()).contains("Too many messages");
        // one create, never a second one
        assertThat(LogtoMock.writes()).containsExactly("POST " + BASE, "POST " + BASE + "/" + INV + "/message");
    }

    @Test
    void inviteMemberUserErrors() {
        Answer invalid = graphql(inviter(), operation("inviteMember"), invite("invitee", "not-an-email"));
        assertThat(invalid.data().at("/inviteMember/userErrors/0/code").asText())
                .isEqualTo("INVALID_EMAIL");
        assertThat(invalid.data().at("/inviteMember/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "invitee")));
        Answer unknownRole = graphql(inviter(), operation("inviteMember"), invite("roleIds", List.of("nosuchrole")));
        assertThat(unknownRole.data().at("/inviteMember/userErrors/0/code").asText())
                .isEqualTo("NOT_FOUND");
        Answer botRole = graphql(inviter(), operation("inviteMember"), invite("roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(botRole.data().at("/inviteMember/userErrors/0/code").asText())
                .isEqualTo("ROLE_TYPE_MISMATCH");
        Answer past = graphql(inviter(), operation("inviteMember"), invite("expiresAt", "2020-01-01T00:00:00.000Z"));
        assertThat(past.data().at("/inviteMember/userErrors/0/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.writes()).isEmpty();

        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .willReturn(LogtoMock.error(422, "422.request.invalid_input.already_member.json")));
        assertThat(graphql(inviter(), operation("inviteMember"), invite())
                        .data()
                        .at("/inviteMember/userErrors/0/code")
                        .asText())
                .isEqualTo("ALREADY_A_MEMBER");
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .willReturn(LogtoMock.error(422, "422.entity.unique_integrity_violation.json")));
        assertThat(graphql(inviter(), operation("inviteMember"), invite())
                        .data()
                        .at("/inviteMember/userErrors/0/code")
                        .asText())
                .isEqualTo("INVITATION_ALREADY_PENDING");
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .willReturn(LogtoMock.error(422, "422.entity.relation_foreign_key_not_found.json")));
        Answer fk = graphql(inviter(), operation("inviteMember"), invite());
        assertThat(fk.data().at("/inviteMember/userErrors/0/code").asText()).isEqualTo("NOT_FOUND");
        assertThat(fk.data().at("/inviteMember/invitation").isNull()).isTrue();
        assertThat(fk.data().at("/inviteMember/emailSent").asBoolean()).isFalse();
    }

    @Test
    void inviteMemberNeedsInviteMemberInThatOrganization() {
        Answer reader = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("inviteMember"), invite());
        assertThat(reader.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(reader.data().get("inviteMember").isNull()).isTrue();
        Answer otherOrg = graphql(orgToken(Ids.ALICE, Ids.ORG_B, "invite:member"), operation("inviteMember"), invite());
        assertThat(otherOrg.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void inviteMembersGivesAResultPerAddress() {
        ObjectNode carol = pending().put("id", "carolinvitation000001").put("invitee", "carol@example.com");
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .withRequestBody(matchingJsonPath("$.invitee", equalTo("carol@example.com")))
                .willReturn(LogtoMock.json(201, carol.toString())));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .withRequestBody(matchingJsonPath("$.invitee", equalTo("mia@example.com")))
                .willReturn(LogtoMock.error(422, "422.request.invalid_input.already_member.json")));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .withRequestBody(matchingJsonPath("$.invitee", equalTo("dup@example.com")))
                .willReturn(LogtoMock.error(422, "422.entity.unique_integrity_violation.json")));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE + "/carolinvitation000001/message"))
                .willReturn(LogtoMock.noContent()));

        Map<String, Object> input = Map.of(
                "input",
                Map.of(
                        "organizationId",
                        Ids.ORG_A,
                        "roleIds",
                        List.of(Ids.ROLE_MEMBER),
                        "invitees",
                        List.of(
                                "carol@example.com",
                                "nope",
                                "mia@example.com",
                                "dup@example.com",
                                "CAROL@example.com")));
        Answer answer = graphql(inviter(), operation("inviteMembers"), input);

        assertThat(answer.errors()).isNull();
        JsonNode results = answer.data().at("/inviteMembers/results");
        assertThat(results).hasSize(4); // CAROL@ is carol@ again
        assertThat(results.get(0).at("/invitation/invitationId").asText()).isEqualTo("carolinvitation000001");
        assertThat(results.get(0).get("emailSent").asBoolean()).isTrue();
        assertThat(results.get(1).at("/userErrors/0/code").asText()).isEqualTo("INVALID_EMAIL");
        assertThat(results.get(1).at("/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "invitees", "1")));
        assertThat(results.get(2).at("/userErrors/0/code").asText()).isEqualTo("ALREADY_A_MEMBER");
        assertThat(results.get(3).at("/userErrors/0/code").asText()).isEqualTo("INVITATION_ALREADY_PENDING");
        assertThat(results.get(3).get("invitation").isNull()).isTrue();
        assertThat(answer.data().at("/inviteMembers/userErrors")).isEmpty();
        // one address after the other, each created then mailed
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "POST " + BASE,
                        "POST " + BASE + "/carolinvitation000001/message",
                        "POST " + BASE,
                        "POST " + BASE);
    }

    // ---- resend and revoke

    @Test
    void resendMailsAPendingInvitationAgain() {
        stubGet(pending());
        LogtoMock.stub(
                WireMock.post(urlPathEqualTo(BASE + "/" + INV + "/message")).willReturn(LogtoMock.noContent()));
        JsonNode payload =
                graphql(inviter(), operation("resendInvitation"), byId()).data().get("resendInvitation");
        assertThat(payload.get("userErrors")).isEmpty();
        assertThat(payload.get("emailSent").asBoolean()).isTrue();
        assertThat(LogtoMock.writes()).containsExactly("POST " + BASE + "/" + INV + "/message");
        assertThat(LogtoMock.bodyOf("POST", BASE + "/" + INV + "/message"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("link", LINK)));
    }

    @Test
    void resendRefusesAnExpiredInvitationAndNeedsInviteMember() {
        stubGet(invitation("Expired", Instant.now().minus(Duration.ofDays(1)).toEpochMilli()));
        JsonNode payload =
                graphql(inviter(), operation("resendInvitation"), byId()).data().get("resendInvitation");
        assertThat(payload.at("/userErrors/0/code").asText()).isEqualTo("INVITATION_NOT_PENDING");
        Answer denied = graphql(manager(), operation("resendInvitation"), byId());
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void revokeSetsRevokedWithTheRecordedBody() {
        stubGet(pending());
        LogtoMock.stub(WireMock.put(urlPathEqualTo(BASE + "/" + INV + "/status"))
                .willReturn(LogtoMock.json(Fixtures.recordedBody("22-revoke-organization-invitation.json"))));
        JsonNode payload =
                graphql(manager(), operation("revokeInvitation"), byId()).data().get("revokeInvitation");
        assertThat(payload.get("userErrors")).isEmpty();
        assertThat(payload.at("/invitation/status").asText()).isEqualTo("REVOKED");
        assertThat(LogtoMock.bodyOf("PUT", BASE + "/" + INV + "/status"))
                .isEqualTo(
                        Fixtures.load("22-revoke-organization-invitation.json").at("/request/body"));
    }

    @Test
    void revokeNeedsManageMemberInTheInvitationsOrganization() {
        stubGet(pending());
        assertThat(graphql(inviter(), operation("revokeInvitation"), byId()).errorCode())
                .isEqualTo("FORBIDDEN");
        Answer otherOrg =
                graphql(orgToken(Ids.ALICE, Ids.ORG_B, "manage:member"), operation("revokeInvitation"), byId());
        assertThat(otherOrg.errorCode()).isEqualTo("FORBIDDEN");
        // A caller who may not see the invitation does not learn its organization (nor that it exists).
        assertThat(otherOrg.firstError().at("/extensions/organizationId").isMissingNode())
                .isTrue();
        // The invitee is no member: accepting, not revoking, is theirs.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users/" + BOB + "/scopes"))
                .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode())));
        assertThat(graphql(bob(), operation("revokeInvitation"), byId()).errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void unknownInvitationIsForbiddenLikeAnInvisibleOne() {
        // Nobody can be shown to be allowed to see an invitation that does not exist (see the README's rule).
        LogtoMock.stub(WireMock.get(urlPathEqualTo(BASE + "/" + INV))
                .willReturn(LogtoMock.error(404, "404.entity.not_found.json")));
        Answer answer = graphql(manager(), operation("revokeInvitation"), byId());
        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    // ---- the invitee's side

    @Test
    void theInviteeAcceptsAsThemselves() {
        stubGet(pending());
        ObjectNode accepted = pending().put("status", "Accepted").put("acceptedUserId", BOB);
        LogtoMock.stub(
                WireMock.put(urlPathEqualTo(BASE + "/" + INV + "/status")).willReturn(LogtoMock.json(accepted)));

        Answer answer = graphql(bob(), operation("acceptInvitation"), byId());

        assertThat(answer.errors()).isNull();
        JsonNode payload = answer.data().get("acceptInvitation");
        assertThat(payload.get("userErrors")).isEmpty();
        assertThat(payload.at("/invitation/status").asText()).isEqualTo("ACCEPTED");
        assertThat(payload.at("/invitation/acceptedUser/userId").asText()).isEqualTo(BOB);
        assertThat(LogtoMock.bodyOf("PUT", BASE + "/" + INV + "/status"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("status", "Accepted", "acceptedUserId", BOB)));
        assertThat(LogtoMock.writes()).containsExactly("PUT " + BASE + "/" + INV + "/status");
    }

    @Test
    void someoneElseCannotAcceptOrDecline() {
        stubGet(pending());
        Answer eve = graphql(userToken(EVE, ""), operation("acceptInvitation"), byId());
        assertThat(eve.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(eve.data().get("acceptInvitation").isNull()).isTrue();
        // Not even an admin of the organization accepts for the invitee.
        assertThat(graphql(
                                orgToken(Ids.ALICE, Ids.ORG_A, String.join(" ", Ids.ALL_SCOPES)),
                                operation("acceptInvitation"),
                                byId())
                        .errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(graphql(userToken(EVE, ""), operation("declineInvitation"), byId())
                        .errorCode())
                .isEqualTo("FORBIDDEN");
        // The invitee with a token bound to another organization gets nothing there either.
        assertThat(graphql(orgToken(BOB, Ids.ORG_B, "read:data"), operation("acceptInvitation"), byId())
                        .errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void declineIsStoredAsRevoked() {
        stubGet(pending());
        LogtoMock.stub(WireMock.put(urlPathEqualTo(BASE + "/" + INV + "/status"))
                .willReturn(LogtoMock.json(pending().put("status", "Revoked"))));
        JsonNode payload =
                graphql(bob(), operation("declineInvitation"), byId()).data().get("declineInvitation");
        assertThat(payload.get("userErrors")).isEmpty();
        assertThat(payload.at("/invitation/status").asText()).isEqualTo("REVOKED");
        assertThat(LogtoMock.bodyOf("PUT", BASE + "/" + INV + "/status"))
                .isEqualTo(Fixtures.JSON.valueToTree(Map.of("status", "Revoked")));
    }

    @Test
    void expiredRevokedOrRaceLostInvitationsCannotBeAccepted() {
        stubGet(invitation("Expired", Instant.now().minus(Duration.ofDays(1)).toEpochMilli()));
        JsonNode expired =
                graphql(bob(), operation("acceptInvitation"), byId()).data().get("acceptInvitation");
        assertThat(expired.at("/userErrors/0/code").asText()).isEqualTo("INVITATION_NOT_PENDING");
        assertThat(expired.at("/userErrors/0/message").asText()).contains("expired");
        stubGet(invitation("Revoked", Instant.now().plus(Duration.ofDays(1)).toEpochMilli()));
        assertThat(graphql(bob(), operation("declineInvitation"), byId())
                        .data()
                        .at("/declineInvitation/userErrors/0/code")
                        .asText())
                .isEqualTo("INVITATION_NOT_PENDING");
        assertThat(LogtoMock.writes()).isEmpty();

        // Changed between our read and the PUT: Logto's 422s become userErrors too.
        stubGet(pending());
        LogtoMock.stub(WireMock.put(urlPathEqualTo(BASE + "/" + INV + "/status"))
                .willReturn(LogtoMock.error(422, "422.request.invalid_input.status_final.json")));
        assertThat(graphql(bob(), operation("acceptInvitation"), byId())
                        .data()
                        .at("/acceptInvitation/userErrors/0/code")
                        .asText())
                .isEqualTo("INVITATION_NOT_PENDING");
        LogtoMock.stub(WireMock.put(urlPathEqualTo(BASE + "/" + INV + "/status"))
                .willReturn(LogtoMock.error(422, "422.request.invalid_input.email_mismatch.json")));
        assertThat(graphql(bob(), operation("acceptInvitation"), byId())
                        .data()
                        .at("/acceptInvitation/userErrors/0/code")
                        .asText())
                .isEqualTo("EMAIL_MISMATCH");
    }

    @Test
    void theLandingPageIsForTheInviteeAndReaders() {
        stubGet(pending());
        Answer asInvitee = graphql(bob(), operation("invitation"), Map.of("id", INV));
        assertThat(asInvitee.errors()).isNull();
        assertThat(asInvitee.data().at("/invitation/invitee").asText()).isEqualTo(INVITEE);
        assertThat(asInvitee.data().at("/invitation/roles/0/name").asText()).isEqualTo("member");

        Answer asReader =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("invitation"), Map.of("id", INV));
        assertThat(asReader.errors()).isNull();
        assertThat(asReader.data().at("/invitation/invitationId").asText()).isEqualTo(INV);

        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users/" + EVE + "/scopes"))
                .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode())));
        Answer asStranger = graphql(userToken(EVE, ""), operation("invitation"), Map.of("id", INV));
        assertThat(asStranger.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(asStranger.data().get("invitation").isNull()).isTrue();
        Answer otherOrg =
                graphql(orgToken(Ids.ALICE, Ids.ORG_B, "read:data"), operation("invitation"), Map.of("id", INV));
        assertThat(otherOrg.errorCode()).isEqualTo("FORBIDDEN");
        // The invitation was read once per request.
        assertThat(LogtoMock.calls().stream()
                        .filter(c -> c.equals("GET " + BASE + "/" + INV))
                        .count())
                .isEqualTo(4);
    }

    @Test
    void viewerInvitationsArePendingOnesForThePrimaryEmail() {
        ArrayNode list = Fixtures.JSON.createArrayNode();
        list.add(pending());
        list.add(invitation("Expired", Instant.now().minus(Duration.ofDays(1)).toEpochMilli())
                .put("id", "oldinvitation00000001"));
        list.add(pending().put("id", "acceptedinvitation001").put("status", "Accepted"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(BASE)).willReturn(LogtoMock.json(list)));

        Answer answer = graphql(bob(), operation("myInvitations"));

        assertThat(answer.errors()).isNull();
        JsonNode invitations = answer.data().at("/viewer/invitations/nodes");
        assertThat(invitations).hasSize(1);
        assertThat(invitations.get(0).get("invitationId").asText()).isEqualTo(INV);
        assertThat(invitations.get(0).at("/inviter/name").asText()).isEqualTo("Alice Admin");
        assertThat(LogtoMock.calls()).contains("GET " + BASE + "?invitee=Bob.MWRS5ZYI%40example.com");
    }

    @Test
    void aMemberIsNotInvitedWhateverTheCaseOfTheAddress() {
        // Bob's stored address differs in case from the invitee's; Logto's own check would miss it.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .withQueryParam("excludeOrganizationId", equalTo(Ids.ORG_A))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));

        Answer answer = graphql(inviter(), operation("inviteMember"), invite());

        assertThat(answer.data().at("/inviteMember/userErrors/0/code").asText()).isEqualTo("ALREADY_A_MEMBER");
        assertThat(answer.data().at("/inviteMember/invitation").isNull()).isTrue();
        assertThat(LogtoMock.writes()).isEmpty();
        assertThat(LogtoMock.calls())
                .anyMatch(c -> c.startsWith("GET /api/users?search.primaryEmail=bob.mwrs5zyi%40example.com")
                        && c.contains("mode.primaryEmail=exact")
                        && c.contains("isCaseSensitive=false"));
    }

    @Test
    void inviteMembersReportsMembersInTheOrderGiven() {
        ArrayNode outsiders = Fixtures.JSON.createArrayNode().add(Fixtures.user(EVE, "Eve"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .withQueryParam("excludeOrganizationId", equalTo(Ids.ORG_A))
                .willReturn(LogtoMock.page(outsiders, 1)));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .willReturn(LogtoMock.json(201, pending().toString())));
        LogtoMock.stub(
                WireMock.post(urlPathEqualTo(BASE + "/" + INV + "/message")).willReturn(LogtoMock.noContent()));

        Answer answer = graphql(
                inviter(),
                operation("inviteMembers"),
                Map.of(
                        "input",
                        Map.of(
                                "organizationId",
                                Ids.ORG_A,
                                "invitees",
                                List.of("new.person@example.com", INVITEE),
                                "roleIds",
                                List.of(Ids.ROLE_MEMBER))));

        JsonNode results = answer.data().at("/inviteMembers/results");
        assertThat(results.get(0).get("invitee").asText()).isEqualTo("new.person@example.com");
        assertThat(results.get(0).get("userErrors")).isEmpty();
        assertThat(results.get(1).get("invitee").asText()).isEqualTo(INVITEE);
        assertThat(results.get(1).at("/userErrors/0/code").asText()).isEqualTo("ALREADY_A_MEMBER");
        assertThat(LogtoMock.writes()).filteredOn(w -> w.equals("POST " + BASE)).hasSize(1);
    }
}
