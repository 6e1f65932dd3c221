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
import dev.orgql.support.RecordedOrg.Version;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pending invitation blocks another to the same address whatever its case (issue 8, defect 7). Logto
 * itself refuses only the exact duplicate and stores {@code REC2-DUP@EXAMPLE.COM} next to a pending
 * {@code rec2-dup@example.com} (recordings 53, 54, 55a; the same on 1.37.1 and 1.42.0).
 */
@MicronautTest
class InvitationDuplicatesTest extends GatewayTest {
    static final String BASE = "/api/organization-invitations";
    static final String UPPER = "REC2-DUP@EXAMPLE.COM";

    @Inject
    TemplateCache template;

    @BeforeEach
    void stubTemplateAndNoUsers() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        // No user has these addresses: the member check is one call.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
    }

    /** The recorded pending invitation to rec2-dup@example.com (53), moved to the test organization and roles. */
    static ObjectNode pendingLowercase(Version version, long expiresAt) {
        ObjectNode invitation = Fixtures.recordedBody(version.folder + "/53-create-invitation-rec2-dup.json")
                .deepCopy();
        invitation.put("organizationId", Ids.ORG_A).put("expiresAt", expiresAt);
        invitation
                .putArray("organizationRoles")
                .addObject()
                .put("id", Ids.ROLE_MEMBER)
                .put("name", "member");
        return invitation;
    }

    static Map<String, Object> input(String key, Object invitees) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("organizationId", Ids.ORG_A);
        input.put(key, invitees);
        input.put("roleIds", List.of(Ids.ROLE_MEMBER));
        input.put("sendEmail", false);
        return Map.of("input", input);
    }

    String inviter() {
        return orgToken(Ids.ALICE, Ids.ORG_A, "read:data invite:member");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void inviteMemberRefusesACaseDifferentDuplicateWithOneRead(Version version) {
        long inAWeek = Instant.now().plus(Duration.ofDays(7)).toEpochMilli();
        // Logto's invitee filter compares lower() = lower(): asked for the upper-case address it lists the lower-case
        // one.
        LogtoMock.stub(WireMock.get(urlPathEqualTo(BASE))
                .withQueryParam("organizationId", equalTo(Ids.ORG_A))
                .withQueryParam("invitee", equalTo(UPPER))
                .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode().add(pendingLowercase(version, inAWeek)))));

        Answer answer = graphql(inviter(), operation("inviteMemberOutcome"), input("invitee", UPPER));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/inviteMember/userErrors/0/code").asText())
                .isEqualTo("INVITATION_ALREADY_PENDING");
        assertThat(answer.data().at("/inviteMember/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "invitee")));
        assertThat(answer.data().at("/inviteMember/invitation").isNull()).isTrue();
        assertThat(LogtoMock.writes()).isEmpty();
        assertThat(LogtoMock.calls())
                .containsExactlyInAnyOrder(
                        "GET /api/organization-roles?page=1&page_size=100",
                        "GET /api/users?search.primaryEmail=REC2-DUP%40EXAMPLE.COM&mode.primaryEmail=exact&isCaseSensitive=false&page=1&page_size=100",
                        "GET " + BASE + "?organizationId=" + Ids.ORG_A + "&invitee=REC2-DUP%40EXAMPLE.COM");

        // An invitation past its expiry no longer counts: the new one is created (Logto expires the old one itself).
        LogtoMock.stub(WireMock.get(urlPathEqualTo(BASE))
                .withQueryParam("organizationId", equalTo(Ids.ORG_A))
                .withQueryParam("invitee", equalTo(UPPER))
                .willReturn(LogtoMock.json(Fixtures.JSON
                        .createArrayNode()
                        .add(pendingLowercase(
                                version, Instant.now().minusSeconds(60).toEpochMilli())))));
        JsonNode created = Fixtures.recordedBody(version.folder + "/54-create-invitation-rec2-dup-uppercase.json");
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .willReturn(LogtoMock.json(
                        201,
                        ((ObjectNode) created.deepCopy())
                                .put("organizationId", Ids.ORG_A)
                                .toString())));
        LogtoMock.clearJournal();
        Answer again = graphql(inviter(), operation("inviteMemberOutcome"), input("invitee", UPPER));
        assertThat(again.data().at("/inviteMember/userErrors")).isEmpty();
        assertThat(again.data().at("/inviteMember/invitation/invitee").asText()).isEqualTo(UPPER);
        assertThat(LogtoMock.writes()).containsExactly("POST " + BASE);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void inviteMembersRefusesItPerAddressWithOneReadForAll(Version version) {
        ArrayNode listed = Fixtures.JSON
                .createArrayNode()
                .add(pendingLowercase(
                        version, Instant.now().plus(Duration.ofDays(7)).toEpochMilli()));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(BASE))
                .withQueryParam("organizationId", equalTo(Ids.ORG_A))
                .withQueryParam("invitee", WireMock.absent())
                .willReturn(LogtoMock.json(listed)));
        ObjectNode created = Fixtures.recordedBody(version.folder + "/53-create-invitation-rec2-dup.json")
                .deepCopy();
        created.put("invitee", "new@example.com").put("organizationId", Ids.ORG_A);
        LogtoMock.stub(WireMock.post(urlPathEqualTo(BASE))
                .withRequestBody(matchingJsonPath("$.invitee", equalTo("new@example.com")))
                .willReturn(LogtoMock.json(201, created.toString())));

        Answer answer = graphql(
                inviter(), operation("inviteMembersOutcome"), input("invitees", List.of(UPPER, "new@example.com")));

        assertThat(answer.errors()).isNull();
        JsonNode results = answer.data().at("/inviteMembers/results");
        assertThat(results.at("/0/userErrors/0/code").asText()).isEqualTo("INVITATION_ALREADY_PENDING");
        assertThat(results.at("/0/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "invitees", "0")));
        assertThat(results.at("/1/invitation/invitee").asText()).isEqualTo("new@example.com");
        assertThat(LogtoMock.writes()).containsExactly("POST " + BASE);
        assertThat(LogtoMock.calls())
                .filteredOn(c -> c.startsWith("GET " + BASE))
                .containsExactly("GET " + BASE + "?organizationId=" + Ids.ORG_A);
        assertThat(LogtoMock.calls())
                .filteredOn(c -> c.startsWith("GET /api/users"))
                .hasSize(1);
    }
}
