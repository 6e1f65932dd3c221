package dev.orgql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.logto.ReadCaches;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A caller who may not see an organization or an invitation gets the same answer whether it exists or
 * not: the same code, the same message and extensions (but for the id the caller sent), and the same
 * Management API calls. Organization B exists and Alice is no member of it; {@code nope} and
 * {@code INV_MISSING} exist nowhere.
 */
@MicronautTest
class HiddenExistenceTest extends GatewayTest {
    static final String MISSING = "nope";
    static final String INV = "t38nii26smfqutjqxwv8h";
    static final String INV_MISSING = "nopenopenopenopenopen";
    static final String EVE = "e0e0e0e0e0e0";

    @Inject
    LiveScopeCache liveScopes;

    @Inject
    TemplateCache template;

    @Inject
    ReadCaches readCaches;

    @BeforeEach
    void stub() {
        liveScopes.invalidateAll();
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_B))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_B, "Globex"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + MISSING))
                .willReturn(LogtoMock.json(
                        404,
                        Fixtures.recordedBody("24-get-organization-not-found.json")
                                .toString())));
        // A non-member's scopes: 200 [] (management-api.md: that route has no membership check).
        for (String user : List.of(Ids.ALICE, EVE)) {
            LogtoMock.stub(
                    WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_B + "/users/" + user + "/scopes"))
                            .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode())));
            LogtoMock.stub(
                    WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users/" + user + "/scopes"))
                            .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode())));
            // No recording shows this route for an unknown organization: answered here with Logto's
            // recorded 404 for that organization; an answer of 200 [] leads to the same refusal.
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + MISSING + "/users/" + user + "/scopes"))
                    .willReturn(LogtoMock.json(
                            404,
                            Fixtures.recordedBody("24-get-organization-not-found.json")
                                    .toString())));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-invitations/" + INV))
                .willReturn(LogtoMock.json(Fixtures.invitation(
                                INV, Ids.ORG_A, Ids.ALICE, "bob@example.com", "Pending", Ids.ROLE_MEMBER, "member")
                        .put("expiresAt", System.currentTimeMillis() + 86_400_000L))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-invitations/" + INV_MISSING))
                .willReturn(LogtoMock.error(404, "404.entity.not_found.json")));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode().add(Fixtures.user(EVE, "Eve")), 1)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
    }

    /** The answer and the calls it cost, with the id the caller sent replaced, so that two cases compare as text. */
    private record Seen(String answer, List<String> calls) {}

    private Seen ask(String token, String query, Map<String, Object> variables, String id) {
        LogtoMock.clearJournal();
        // Each ask from nothing: the second would find the first's users in the read cache.
        readCaches.invalidateAll();
        Answer answer = graphql(token, query, variables);
        return new Seen(
                // Each request has its own id (extensions.requestId): not a difference the caller learns from.
                answer.body()
                        .toString()
                        .replace(id, "<id>")
                        .replaceAll("\"requestId\":\"[^\"]*\"", "\"requestId\":\"<request>\""),
                // Sorted: calls made in parallel arrive in any order.
                LogtoMock.calls().stream()
                        .map(c -> c.replace(id, "<id>"))
                        .sorted()
                        .toList());
    }

    private void assertSame(Function<String, Seen> asking, String existing, String missing, String code) {
        Seen real = asking.apply(existing);
        Seen none = asking.apply(missing);
        assertThat(real.answer()).contains("\"code\":\"" + code + "\"");
        assertThat(none.answer()).isEqualTo(real.answer());
        assertThat(none.calls()).isEqualTo(real.calls());
    }

    private static final String ORGANIZATION_NAME = operation("organizationName");

    @Test
    void organizationTokenForAnotherOrganization() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, String.join(" ", Ids.ALL_SCOPES));
        assertSame(id -> ask(token, ORGANIZATION_NAME, Map.of("id", id), id), Ids.ORG_B, MISSING, "FORBIDDEN");
        assertThat(ask(token, ORGANIZATION_NAME, Map.of("id", MISSING), MISSING).calls())
                .isEmpty();
    }

    @Test
    void userTokenOfANonMember() {
        String token = userToken(Ids.ALICE, "");
        assertSame(id -> ask(token, ORGANIZATION_NAME, Map.of("id", id), id), Ids.ORG_B, MISSING, "FORBIDDEN");
        // One call each, the scope lookup; the organization itself is never read.
        assertThat(ask(userToken(EVE, ""), ORGANIZATION_NAME, Map.of("id", MISSING), MISSING)
                        .calls())
                .containsExactly("GET /api/organizations/<id>/users/" + EVE + "/scopes");
    }

    @Test
    void unknownOrganizationAnsweredWithNoScopesIsTheSame() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + MISSING + "/users/" + Ids.ALICE + "/scopes"))
                .willReturn(LogtoMock.json(Fixtures.JSON.createArrayNode())));
        String token = userToken(Ids.ALICE, "");
        assertSame(id -> ask(token, ORGANIZATION_NAME, Map.of("id", id), id), Ids.ORG_B, MISSING, "FORBIDDEN");
    }

    /** A mutation on an organization: its operation, the token's scopes, and its input for an organization id. */
    record OrganizationMutation(
            String name, String operation, String orgScopes, Function<String, Map<String, Object>> input) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<OrganizationMutation> organizationMutations() {
        return List.of(
                new OrganizationMutation(
                        "updateOrganization",
                        "updateOrganizationCodes",
                        null,
                        id -> Map.of("organizationId", id, "name", "X")),
                new OrganizationMutation(
                        "removeMember", "removeMemberCodes", null, id -> Map.of("organizationId", id, "userId", EVE)),
                new OrganizationMutation(
                        "addMembers with a token for organization A",
                        "addMembersCodes",
                        "manage:member",
                        id -> Map.of("organizationId", id, "userIds", List.of(EVE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("organizationMutations")
    void mutationsOnAnOrganization(OrganizationMutation mutation) {
        String token = mutation.orgScopes() == null
                ? userToken(Ids.ALICE, "")
                : orgToken(Ids.ALICE, Ids.ORG_A, mutation.orgScopes());
        assertSame(
                id -> ask(
                        token,
                        operation(mutation.operation()),
                        Map.of("input", mutation.input().apply(id)),
                        id),
                Ids.ORG_B,
                MISSING,
                "FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void leavingAnOrganizationOneIsNotIn() {
        // Logto answers 422 organization.require_membership for a non-member and for an unknown
        // organization alike (management-api.md, section on per-user role routes).
        for (String org : List.of(Ids.ORG_B, MISSING)) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + org + "/users/" + Ids.ALICE + "/roles"))
                    .willReturn(LogtoMock.error(422, "422.organization.require_membership.json")));
        }
        String token = userToken(Ids.ALICE, "");
        ask(
                token,
                operation("leaveOrganization"),
                Map.of("input", Map.of("organizationId", Ids.ORG_B)),
                Ids.ORG_B); // template cached
        Function<String, Seen> leave =
                id -> ask(token, operation("leaveOrganization"), Map.of("input", Map.of("organizationId", id)), id);
        Seen real = leave.apply(Ids.ORG_B);
        Seen none = leave.apply(MISSING);
        assertThat(real.answer()).contains("NOT_A_MEMBER");
        assertThat(none).isEqualTo(real);
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void invitationForAStranger() {
        String token = userToken(EVE, "");
        Seen real = ask(token, operation("invitation"), Map.of("id", INV), INV);
        Seen none = ask(token, operation("invitation"), Map.of("id", INV_MISSING), INV_MISSING);
        assertThat(real.answer()).contains("\"code\":\"FORBIDDEN\"").doesNotContain(Ids.ORG_A);
        assertThat(none.answer()).isEqualTo(real.answer());
        // The calls differ by the scope lookup in the real invitation's organization: a stranger may be
        // a reader there. They are the gateway's, not seen by the caller.
        assertThat(real.calls()).containsAll(none.calls());
    }

    @Test
    void invitationForATokenBoundToAnotherOrganization() {
        String token = orgToken(Ids.ALICE, Ids.ORG_B, String.join(" ", Ids.ALL_SCOPES));
        assertSame(id -> ask(token, operation("invitation"), Map.of("id", id), id), INV, INV_MISSING, "FORBIDDEN");
        assertSame(
                id -> ask(token, operation("revokeInvitation"), Map.of("input", Map.of("invitationId", id)), id),
                INV,
                INV_MISSING,
                "FORBIDDEN");
        assertThat(ask(token, operation("invitation"), Map.of("id", INV), INV).answer())
                .doesNotContain(Ids.ORG_A);
    }

    @Test
    void acceptingAnInvitationOneIsNotTheInviteeOf() {
        String token = userToken(EVE, "");
        assertSame(
                id -> ask(token, operation("acceptInvitation"), Map.of("input", Map.of("invitationId", id)), id),
                INV,
                INV_MISSING,
                "FORBIDDEN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void aReaderOfTheOrganizationIsToldWhatItLacks() {
        // Readers may see the invitation, so its organization is no secret to them.
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                operation("revokeInvitation"),
                Map.of("input", Map.of("invitationId", INV)));
        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(answer.firstError().at("/extensions/organizationId").asText())
                .isEqualTo(Ids.ORG_A);
        assertThat(answer.firstError().at("/extensions/missingScopes/0").asText())
                .isEqualTo("manage:member");
    }
}
