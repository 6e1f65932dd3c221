package dev.orgql.member;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cursors are opaque and bound to their list: `last`/`before` page backward over the same list, and a
 * cursor from another list (another organization, connection, filter or search) is BAD_USER_INPUT before
 * any call for that list.
 */
@MicronautTest
class CursorTest extends GatewayTest {
    private static final String PAGE = "query Page($id: ID!, $first: Int, $after: String, $last: Int, $before: String,"
            + " $search: String) { organization(id: $id) { members(first: $first, after: $after, last: $last,"
            + " before: $before, search: $search) { totalCount nodes { userId } pageInfo { hasNextPage"
            + " hasPreviousPage startCursor endCursor } } } }";

    @BeforeEach
    void stub() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        // Six members, served in pages of 2 (and the page of 1 that tells the total).
        for (int size : new int[] {1, 2}) {
            for (int page = 1; page <= 6 / size; page++) {
                ArrayNode items = Fixtures.JSON.createArrayNode();
                for (int i = (page - 1) * size; i < page * size; i++) {
                    items.add(Fixtures.member(Ids.user(i), "Member " + i));
                }
                LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                        .withQueryParam("page", equalTo(String.valueOf(page)))
                        .withQueryParam("page_size", equalTo(String.valueOf(size)))
                        .willReturn(LogtoMock.page(items, 6)));
            }
        }
    }

    private JsonNode page(Map<String, Object> arguments) {
        Map<String, Object> variables = new HashMap<>(arguments);
        variables.put("id", Ids.ORG_A);
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), PAGE, variables);
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        return answer.data().at("/organization/members");
    }

    private static List<String> ids(JsonNode members) {
        List<String> ids = new ArrayList<>();
        members.get("nodes").forEach(node -> ids.add(node.get("userId").asText()));
        return ids;
    }

    @Test
    void lastBeforePagesBackOverTheSameList() {
        JsonNode first = page(Map.of("first", 2));
        JsonNode second =
                page(Map.of("first", 2, "after", first.at("/pageInfo/endCursor").asText()));
        JsonNode back = page(
                Map.of("last", 2, "before", second.at("/pageInfo/startCursor").asText()));
        JsonNode beforeTheFirst = page(
                Map.of("last", 2, "before", first.at("/pageInfo/startCursor").asText()));

        assertThat(ids(second)).containsExactly(Ids.user(2), Ids.user(3));
        assertThat(ids(back)).isEqualTo(ids(first));
        assertThat(back.at("/pageInfo/hasPreviousPage").asBoolean()).isFalse();
        assertThat(back.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(back.at("/pageInfo/endCursor").asText())
                .isEqualTo(first.at("/pageInfo/endCursor").asText());
        assertThat(ids(beforeTheFirst)).isEmpty();
        assertThat(beforeTheFirst.get("totalCount").asInt()).isEqualTo(6);
    }

    @Test
    void aCursorOfAnotherListIsRefusedBeforeAnyCallForIt() {
        String cursor = page(Map.of("first", 2)).at("/pageInfo/endCursor").asText();
        LogtoMock.clearJournal();
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        Answer otherSearch = graphql(token, PAGE, Map.of("id", Ids.ORG_A, "first", 2, "after", cursor, "search", "x"));
        Answer bots = graphql(
                token,
                "query ($id: ID!, $after: String) { organization(id: $id) { bots(after: $after) { totalCount } } }",
                Map.of("id", Ids.ORG_A, "after", cursor));

        assertThat(otherSearch.firstError().at("/extensions/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(otherSearch.firstError().get("message").asText()).contains("another list");
        assertThat(bots.firstError().get("message").asText()).contains("another list");
        assertThat(LogtoMock.calls()).noneMatch(call -> call.contains("/users?") || call.contains("/applications"));
    }

    @Test
    void handMadeAndOldCursorsAreRefused() {
        String old =
                Base64.getUrlEncoder().withoutPadding().encodeToString("offset:2".getBytes(StandardCharsets.UTF_8));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");

        for (String cursor : List.of(old, "not-a-cursor", "../../x")) {
            Answer answer = graphql(token, PAGE, Map.of("id", Ids.ORG_A, "first", 2, "after", cursor));
            assertThat(answer.firstError().at("/extensions/code").asText())
                    .as(cursor)
                    .isEqualTo("BAD_USER_INPUT");
        }
    }

    @Test
    void lastNeedsBeforeAndBothDirectionsAtOnceAreRefused() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        String cursor = page(Map.of("first", 2)).at("/pageInfo/endCursor").asText();

        Answer lastAlone = graphql(token, PAGE, Map.of("id", Ids.ORG_A, "last", 2));
        Answer both = graphql(token, PAGE, Map.of("id", Ids.ORG_A, "after", cursor, "before", cursor));
        Answer tooMany = graphql(token, PAGE, Map.of("id", Ids.ORG_A, "last", 101, "before", cursor));

        assertThat(lastAlone.firstError().get("message").asText()).contains("`before`");
        assertThat(both.firstError().get("message").asText()).contains("not both");
        assertThat(tooMany.firstError().get("message").asText()).contains("`last` must be between 1 and 100");
    }
}
