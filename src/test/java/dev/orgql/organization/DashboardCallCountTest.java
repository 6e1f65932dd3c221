package dev.orgql.organization;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.DashboardStubs;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "organization dashboard" query: one organization, 50 members with their roles and each role's
 * scopes, bots with roles, 25 invitations from 25 different inviters with the inviters' names.
 * The gateway must need exactly 6 Management API calls (5 with the template cached): never one per
 * member, role or invitation.
 */
@MicronautTest
class DashboardCallCountTest extends GatewayTest {
    @Inject
    TemplateCache template;

    @BeforeEach
    void stubDashboard() {
        template.invalidate();
        DashboardStubs.stubLarge(LogtoMock::stub);
    }

    @Test
    void listsAndTemplateLoadAlongsideTheOrganizationNotAfterIt() {
        int delayMs = 400;
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(
                        LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme")).withFixedDelay(delayMs)));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        graphql(token, operation("templateScopeNames"));
        template.invalidate();
        LogtoMock.clearJournal();

        Answer answer = graphql(token, operation("dashboard"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errors()).isNull();
        List<LoggedRequest> calls = LogtoMock.apiCalls();
        assertThat(calls).hasSize(6);
        long organizationAsked = calls.stream()
                .filter(c -> c.getUrl().equals("/api/organizations/" + Ids.ORG_A))
                .findFirst()
                .orElseThrow()
                .getLoggedDate()
                .getTime();
        for (String list : List.of(
                "/api/organizations/" + Ids.ORG_A + "/users?",
                "/api/organizations/" + Ids.ORG_A + "/applications?",
                "/api/organization-invitations?",
                "/api/organization-roles?")) {
            long asked = calls.stream()
                    .filter(c -> c.getUrl().startsWith(list))
                    .findFirst()
                    .orElseThrow()
                    .getLoggedDate()
                    .getTime();
            // Asked while the organization's answer was still on its way, not after it arrived.
            assertThat(asked - organizationAsked).as(list).isLessThan(delayMs / 2);
        }
    }

    /**
     * What a query prefetches is read from its document once per document and variables (Prefetcher): the
     * same query text with other variables prefetches what those ask for, and the field finds it (one
     * call each time, not a stale prefetch and then the right read).
     */
    @Test
    void theSameQueryWithOtherVariablesPrefetchesWhatTheyAskFor() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        for (String search : List.of("ada", "bob", "ada")) {
            LogtoMock.clearJournal();
            Answer answer = graphql(token, operation("memberCount"), Map.of("id", Ids.ORG_A, "search", search));

            assertThat(answer.errors()).as(answer.body().toString()).isNull();
            List<LoggedRequest> users = LogtoMock.apiCalls().stream()
                    .filter(c -> c.getUrl().startsWith("/api/organizations/" + Ids.ORG_A + "/users?"))
                    .toList();
            assertThat(users).as(search).hasSize(1);
            assertThat(users.get(0).queryParameter("q").values()).containsExactly(search);
        }
    }

    @Test
    void nothingIsPrefetchedForACallerWhoMayNotReadTheLists() {
        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_B, "read:data"), operation("dashboard"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void moreThanAHundredInvitersAreLookedUpInBatchesOfAHundred() {
        ArrayNode invitations = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < 130; i++) {
            invitations.add(Fixtures.invitation(
                    String.format("inv%018d", i),
                    Ids.ORG_A,
                    Ids.user(1000 + i),
                    "guest" + i + "@example.com",
                    "Pending",
                    null,
                    null));
        }
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo("/api/organization-invitations")).willReturn(LogtoMock.json(invitations)));

        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                operation("invitersOfTwoPages"),
                Map.of(
                        "id",
                        Ids.ORG_A,
                        "after",
                        dev.orgql.graphql.Connections.cursor(99, "invitations|" + Ids.ORG_A + "|null")));

        assertThat(answer.errors()).isNull();
        List<LoggedRequest> lookups = LogtoMock.apiCalls().stream()
                .filter(c -> c.getUrl().startsWith("/api/users?"))
                .toList();
        assertThat(lookups).hasSize(2);
        assertThat(lookups)
                .extracting(c -> c.queryParameter("search.id").values().size())
                .containsExactlyInAnyOrder(100, 30);
        // The invitation list is read once for both aliases.
        assertThat(LogtoMock.apiCalls())
                .filteredOn(c -> c.getUrl().startsWith("/api/organization-invitations"))
                .hasSize(1);
    }

    @Test
    void dashboardNeedsSixCallsAndFiveWithTheTemplateCached() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data write:data invite:member");
        // Fetch the gateway's own M2M token first: the count is about Management API calls.
        graphql(token, operation("templateScopeNames"));
        template.invalidate();
        LogtoMock.clearJournal();

        Answer answer = graphql(token, operation("dashboard"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errors()).isNull();
        JsonNode org = answer.data().get("organization");
        assertThat(org.get("name").asText()).isEqualTo("Acme");
        assertThat(org.at("/members/totalCount").asInt()).isEqualTo(50);
        assertThat(org.at("/members/nodes")).hasSize(50);
        assertThat(org.at("/members/nodes/0/roles/0/name").asText()).isEqualTo("admin");
        assertThat(org.at("/members/nodes/0/roles/0/scopes")).hasSize(8);
        assertThat(org.at("/bots/nodes/0/roles/0/scopes/0/name").asText()).isEqualTo("read:data");
        assertThat(org.at("/invitations/totalCount").asInt()).isEqualTo(25);
        assertThat(org.at("/invitations/nodes/24/inviter/name").asText()).isEqualTo("Inviter 24");
        assertThat(org.get("viewerScopes")).hasSize(3);

        List<LoggedRequest> calls = LogtoMock.apiCalls();
        assertThat(calls).extracting(LoggedRequest::getUrl).hasSize(6);
        List<LoggedRequest> userLookups =
                calls.stream().filter(c -> c.getUrl().startsWith("/api/users?")).toList();
        assertThat(userLookups).hasSize(1);
        assertThat(userLookups.get(0).getUrl())
                .contains("mode.id=exact")
                .contains("isCaseSensitive=true")
                .contains("page_size=100");
        assertThat(userLookups.get(0).queryParameter("search.id").values()).hasSize(25);
        assertThat(calls)
                .extracting(LoggedRequest::getUrl)
                .anyMatch(url ->
                        url.startsWith("/api/organizations/" + Ids.ORG_A + "/users?") && url.contains("page_size=50"));

        LogtoMock.clearJournal();
        Answer again = graphql(token, operation("dashboard"), Map.of("id", Ids.ORG_A));
        assertThat(again.errors()).isNull();
        // Warm, with the read caches as they are by default: the template, the organization and the
        // inviters (users by id) are kept, so only the members, the bots and the invitations are read.
        assertThat(LogtoMock.apiCalls()).hasSize(3);
        assertThat(LogtoMock.apiCalls())
                .extracting(LoggedRequest::getUrl)
                .noneMatch(url -> url.startsWith("/api/organization-roles"))
                .noneMatch(url -> url.equals("/api/organizations/" + Ids.ORG_A))
                .noneMatch(url -> url.startsWith("/api/users?"));
    }
}
