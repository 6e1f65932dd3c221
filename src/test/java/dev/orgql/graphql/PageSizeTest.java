package dev.orgql.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every connection serves pages of 1 to 100. A {@code first} outside that range is {@code BAD_USER_INPUT}
 * naming the range, for every connection field, literal or variable, before any call to Logto (and not
 * {@code QUERY_TOO_COMPLEX}: the complexity is computed from the page size the connection would serve).
 */
@MicronautTest
class PageSizeTest extends GatewayTest {
    // Generated, not files: each connection is asked with a literal and with a variable page size.
    private static final String ORG = "organization(id: $id)";
    private static final List<String> CONNECTIONS = List.of(
            "{ " + ORG + " { members(first: $first) { nodes { id } } } }",
            "{ " + ORG + " { bots(first: $first) { nodes { id } } } }",
            "{ " + ORG + " { invitations(first: $first) { nodes { id } } } }",
            "{ viewer { organizations(first: $first) { nodes { id } } } }",
            "{ viewer { invitations(first: $first) { nodes { id } } } }");

    static Stream<Arguments> outOfRange() {
        List<Arguments> cases = new ArrayList<>();
        for (String connection : CONNECTIONS) {
            for (int first : new int[] {2147483647, 101, 0, -1, -2147483648}) {
                cases.add(Arguments.of(connection, first));
            }
        }
        return cases.stream();
    }

    /** The operation for a connection: its variable definitions, then the selection. */
    private static String operation(String connection, boolean firstIsVariable) {
        List<String> definitions = new ArrayList<>();
        if (connection.contains("$id")) definitions.add("$id: ID!");
        if (firstIsVariable) definitions.add("$first: Int");
        return (definitions.isEmpty() ? "" : "query(" + String.join(", ", definitions) + ") ") + connection;
    }

    private static Map<String, Object> variables(String connection, Integer first) {
        Map<String, Object> variables = new java.util.HashMap<>();
        if (connection.contains("$id")) variables.put("id", Ids.ORG_A);
        if (first != null) variables.put("first", first);
        return variables;
    }

    private String token(String query) {
        return query.contains("viewer") ? userToken(Ids.ALICE, "") : orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
    }

    @ParameterizedTest(name = "{0} with first: {1}")
    @MethodSource("outOfRange")
    void anOutOfRangePageIsBadUserInputBeforeAnyCall(String connection, int first) {
        String literal = operation(connection.replace("$first", String.valueOf(first)), false);
        String variable = operation(connection, true);
        for (Answer answer : List.of(
                graphql(token(connection), literal, variables(connection, null)),
                graphql(token(connection), variable, variables(connection, first)))) {
            assertThat(answer.data() == null || answer.data().isNull())
                    .as(answer.body().toString())
                    .isTrue();
            assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo("BAD_USER_INPUT");
            assertThat(answer.firstError().path("message").asText())
                    .isEqualTo("`first` must be between 1 and 100, not " + first + ".");
            assertThat(answer.firstError().at("/extensions/field").asText()).isEqualTo("first");
            assertThat(answer.firstError().at("/extensions/min").asInt()).isEqualTo(1);
            assertThat(answer.firstError().at("/extensions/max").asInt()).isEqualTo(100);
        }
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    void theLargestPageIsServedAndCostsItsSize(String connection) {
        // members(first: 100) { nodes { id } } costs 1 + 100 * 2: within the complexity of 2,000.
        // Every list Logto is asked for is empty (no recording has a page of 100); the organization and
        // the user are the fixtures'.
        LogtoMock.stub(WireMock.get(urlPathMatching("/api/.*"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users/" + Ids.ALICE))
                .willReturn(LogtoMock.json(Fixtures.user(Ids.ALICE, "Alice"))));

        Answer answer = graphql(
                token(connection), operation(connection.replace("$first", "100"), false), variables(connection, null));

        assertThat(answer.body().path("errors").findValuesAsText("code"))
                .doesNotContain("QUERY_TOO_COMPLEX", "BAD_USER_INPUT");
        // Served, not merely not refused: the page is there, empty as Logto's lists are.
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        assertThat(answer.data().findValue("nodes"))
                .as(answer.body().toString())
                .isNotNull()
                .isEmpty();
    }

    static Stream<String> connections() {
        return CONNECTIONS.stream();
    }
}
