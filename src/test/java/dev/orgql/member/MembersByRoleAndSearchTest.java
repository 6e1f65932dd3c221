package dev.orgql.member;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.RecordedOrg;
import dev.orgql.support.RecordedOrg.Version;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Organization.members(roleId:)} and {@code members(search:)} against WireMock answering as
 * Logto 1.37.1 (ignores {@code organizationRoleId}) and as 1.42.0 (filters), with the members of the
 * recordings' organization 1.
 */
@MicronautTest
class MembersByRoleAndSearchTest extends GatewayTest {
    static final String ORG = "/api/organizations/" + Ids.ORG_A;
    static final String QUERY = operation("membersByRole");

    @Inject
    TemplateCache template;

    @Inject
    RoleFilteredMembers roleFiltered;

    @BeforeEach
    void fresh() {
        template.invalidate();
        roleFiltered.forget();
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(ORG)).willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
    }

    String reader() {
        return orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
    }

    JsonNode members(String roleId, Integer first, String after) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", Ids.ORG_A);
        vars.put("role", roleId);
        vars.put("first", first);
        vars.put("after", after);
        Answer answer = graphql(reader(), QUERY, vars);
        assertThat(answer.errors()).isNull();
        return answer.data().at("/organization/members");
    }

    static List<String> usernames(JsonNode connection) {
        return connection.get("nodes").findValues("username").stream()
                .map(JsonNode::asText)
                .toList();
    }

    static List<String> memberCalls() {
        return LogtoMock.calls().stream()
                .filter(c -> c.startsWith("GET " + ORG + "/users"))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void theWireMockAnswersAreTheRecordedOnes(Version version) {
        // The stubs below answer as recordings 40 (admin filter) and 41 (unknown role) of each version.
        RecordedOrg org = RecordedOrg.of(version);
        for (String file :
                List.of("40-list-org1-users-by-admin-role.json", "41-list-org1-users-by-unknown-role.json")) {
            JsonNode recorded = Fixtures.load(version.folder + "/" + file);
            String roleId = recorded.at("/request/url").asText().replaceAll(".*organizationRoleId=([^&]*).*", "$1");
            List<String> simulated = org.listed(org.members, roleId).stream()
                    .map(m -> m.get("id").asText())
                    .toList();
            List<String> listed = new java.util.ArrayList<>();
            recorded.at("/response/body")
                    .forEach(user -> listed.add(user.get("id").asText()));
            assertThat(listed).as(file).containsExactlyElementsOf(simulated);
            assertThat(recorded.at("/response/headers/total-number").asInt())
                    .as(file)
                    .isEqualTo(simulated.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void onlyTheRoleHoldersWithTheirTotalAcrossPages(Version version) {
        RecordedOrg org = RecordedOrg.of(version);
        org.stubTemplate();
        org.stubMembers(Ids.ORG_A, org.members, org.adminRoleId, 2);
        org.stubMembers(Ids.ORG_A, org.members, RoleFilteredMembers.PROBE_ROLE_ID, 1);
        org.stubMembers(Ids.ORG_A, org.members, null, 100);
        List<String> admins = org.members.stream()
                .filter(m -> RecordedOrg.holds(m, org.adminRoleId))
                .map(m -> m.get("username").asText())
                .toList();
        assertThat(admins).hasSize(3);

        JsonNode first = members(org.adminRoleId, 2, null);
        assertThat(first.get("totalCount").asInt()).isEqualTo(3);
        assertThat(usernames(first)).containsExactlyElementsOf(admins.subList(0, 2));
        assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(first.findValues("roles"))
                .allMatch(roles -> roles.findValues("name").stream()
                        .anyMatch(n -> n.asText().equals("admin")));
        String filtered = "GET " + ORG + "/users?organizationRoleId=" + org.adminRoleId + "&page=1&page_size=2";
        if (version.honoursRoleFilter()) {
            // Two holders of three listed: one probe tells that the filter works; learnt for later.
            assertThat(memberCalls())
                    .containsExactly(
                            filtered,
                            "GET " + ORG + "/users?organizationRoleId=" + RoleFilteredMembers.PROBE_ROLE_ID
                                    + "&page=1&page_size=1");
        } else {
            // The first member listed is no admin: the filter was ignored, all members are read once.
            assertThat(memberCalls()).containsExactly(filtered, "GET " + ORG + "/users?page=1&page_size=100");
        }

        LogtoMock.clearJournal();
        JsonNode second =
                members(org.adminRoleId, 2, first.at("/pageInfo/endCursor").asText());
        assertThat(second.get("totalCount").asInt()).isEqualTo(3);
        assertThat(usernames(second)).containsExactly(admins.get(2));
        assertThat(second.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
        assertThat(memberCalls())
                .containsExactly(
                        version.honoursRoleFilter()
                                ? "GET " + ORG + "/users?organizationRoleId=" + org.adminRoleId + "&page=2&page_size=2"
                                : "GET " + ORG + "/users?page=1&page_size=100");
        assertThat(LogtoMock.calls()).noneMatch(c -> c.startsWith("GET /api/organization-roles"));
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void aWholeFirstPageCostsOneCallOnEitherVersion(Version version) {
        RecordedOrg org = RecordedOrg.of(version);
        org.stubTemplate();
        org.stubMembers(Ids.ORG_A, org.members, org.adminRoleId, 20);
        org.stubMembers(Ids.ORG_A, org.members, null, 100);

        JsonNode admins = members(org.adminRoleId, null, null);

        assertThat(admins.get("totalCount").asInt()).isEqualTo(3);
        assertThat(usernames(admins)).containsExactlyInAnyOrder("user001", "user002", "user003");
        assertThat(memberCalls()).hasSize(version.honoursRoleFilter() ? 1 : 2);
        assertThat(LogtoMock.calls())
                .filteredOn(c -> c.startsWith("GET /api/organization-roles"))
                .hasSize(1);

        // member: 49 of 50 hold it (user001 holds admin only).
        org.stubMembers(Ids.ORG_A, org.members, org.memberRoleId, 20);
        org.stubMembers(Ids.ORG_A, org.members, RoleFilteredMembers.PROBE_ROLE_ID, 1);
        LogtoMock.clearJournal();
        JsonNode holders = members(org.memberRoleId, 20, null);
        assertThat(holders.get("totalCount").asInt()).isEqualTo(49);
        assertThat(holders.get("nodes")).hasSize(20);
        assertThat(usernames(holders)).doesNotContain("user001");
        if (version.honoursRoleFilter()) {
            // 20 holders of 49: the probe, once (the first query's complete page left nothing in doubt).
            assertThat(memberCalls())
                    .containsExactly(
                            "GET " + ORG + "/users?organizationRoleId=" + org.memberRoleId + "&page=1&page_size=20",
                            "GET " + ORG + "/users?organizationRoleId=" + RoleFilteredMembers.PROBE_ROLE_ID
                                    + "&page=1&page_size=1");
            LogtoMock.clearJournal();
            assertThat(members(org.memberRoleId, 20, null).get("totalCount").asInt())
                    .isEqualTo(49);
            assertThat(memberCalls())
                    .containsExactly(
                            "GET " + ORG + "/users?organizationRoleId=" + org.memberRoleId + "&page=1&page_size=20");
        } else {
            // The first query saw the filter ignored: from then on the list is read whole, once.
            assertThat(memberCalls()).containsExactly("GET " + ORG + "/users?page=1&page_size=100");
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void aRoleIdThatIsNoUserRoleOfTheTemplateHasNoHolders(Version version) {
        RecordedOrg org = RecordedOrg.of(version);
        org.stubTemplate();
        org.stubMembers(Ids.ORG_A, org.members, "nope", 20);

        JsonNode none = members("nope", null, null);
        assertThat(none.get("totalCount").asInt()).isZero();
        assertThat(none.get("nodes")).isEmpty();
        assertThat(none.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
        assertThat(memberCalls()).isEmpty();
        // A miss reads the template once more (the role may be seconds old), then answers.
        assertThat(LogtoMock.calls())
                .filteredOn(c -> c.startsWith("GET /api/organization-roles"))
                .hasSize(2);

        LogtoMock.clearJournal();
        JsonNode bots = members(Ids.ROLE_BOT, null, null);
        assertThat(bots.get("totalCount").asInt()).isZero();
        assertThat(memberCalls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\u0000b", "../users", "x/../x", "a\nb"})
    void anIdNoLogtoIdCanBeIsRefusedBeforeAnyMemberOrTemplateCall(String roleId) {
        Answer answer = graphql(reader(), QUERY, Map.of("id", Ids.ORG_A, "role", roleId));
        assertThat(answer.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(answer.firstError().at("/extensions/field").asText()).isEqualTo("members.roleId");
        assertThat(LogtoMock.calls())
                .noneMatch(c -> c.startsWith("GET " + ORG + "/users") || c.startsWith("GET /api/organization-roles"));
    }

    @ParameterizedTest(name = "search {0} is sent as {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "user_01    | user%5C_01",
                "%          | %5C%25",
                "user%1     | user%5C%251",
                "a\\b       | a%5C%5Cb",
                "plain text | plain%20text"
            })
    void searchTextIsLiteralForLogtosLikeOnEveryPath(String text, String encoded) {
        // Logto answers an escaped search as its LIKE does; the recordings hold only unescaped ones
        // (42-45: wildcards), so the answer here is empty and the test looks at what was sent.
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users"))
                .withQueryParam("q", WireMock.matching(".*"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
        Answer answer = graphql(reader(), operation("memberCount"), Map.of("id", Ids.ORG_A, "search", text));
        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/members/totalCount").asInt()).isZero();
        assertThat(memberCalls()).containsExactly("GET " + ORG + "/users?q=" + encoded + "&page=1&page_size=20");
    }

    @Test
    void searchAndRoleTogetherSendTheEscapedTextAndFilterTheHolders() {
        RecordedOrg org = RecordedOrg.of(Version.V1_37_1);
        org.stubTemplate();
        // user00_ matches user001-user009 by name in the recorded data; on 1.37.1 the role filter is ignored.
        List<com.fasterxml.jackson.databind.node.ObjectNode> matching = org.members.stream()
                .filter(m -> m.get("username").asText().startsWith("user00"))
                .toList();
        com.fasterxml.jackson.databind.node.ArrayNode page = Fixtures.JSON.createArrayNode();
        matching.forEach(page::add);
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users"))
                .withQueryParam("q", equalTo("user00"))
                .willReturn(LogtoMock.page(page, matching.size())));
        Answer answer = graphql(
                reader(),
                operation("memberUsernames"),
                Map.of("id", Ids.ORG_A, "search", "user00", "role", org.adminRoleId));

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/organization/members/totalCount").asInt()).isEqualTo(3);
        assertThat(memberCalls())
                .containsExactly(
                        "GET " + ORG + "/users?q=user00&organizationRoleId=" + org.adminRoleId + "&page=1&page_size=20",
                        "GET " + ORG + "/users?q=user00&page=1&page_size=100");
    }
}
