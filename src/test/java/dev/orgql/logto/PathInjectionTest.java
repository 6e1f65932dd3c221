package dev.orgql.logto;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.auth.LiveScopeCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No argument value can make the gateway call another Management API route: every value stays inside
 * its own percent-encoded path segment or query value, and empty or oversized values, control
 * characters and ids that are not ids are refused before any call (HostileInputTest covers every
 * argument of the schema).
 */
@MicronautTest
class PathInjectionTest extends GatewayTest {
    @Inject
    LiveScopeCache liveScopes;

    static Stream<String> hostileIds() {
        return Stream.of(
                "../users",
                "a/b",
                "%2F..%2Fusers",
                "x?page_size=100",
                "x#fragment",
                "..",
                ".",
                "a b",
                "ä/ö",
                "id&search.id=other",
                "\u0000",
                "x".repeat(10_000),
                "");
    }

    @BeforeEach
    void stubEverything() {
        liveScopes.invalidateAll();
        LogtoMock.stub(WireMock.any(urlPathMatching("/api/.*"))
                .willReturn(LogtoMock.json(
                        404,
                        Fixtures.recordedBody("24-get-organization-not-found.json")
                                .toString())));
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void organizationIdStaysOneSegment(String id) throws Exception {
        // An unbound user token makes the gateway look up live scopes in the named organization: the
        // value reaches two routes (scopes, then the organization itself when scopes allowed it).
        LogtoMock.stub(WireMock.get(urlPathMatching("/api/organizations/[^/]+/users/" + Ids.ALICE + "/scopes"))
                .willReturn(LogtoMock.json(
                        Fixtures.JSON.readTree("[{\"id\":\"s\",\"name\":\"read:data\",\"description\":null}]"))));

        Answer answer = graphql(userToken(Ids.ALICE, ""), operation("organizationName"), Map.of("id", id));

        assertThat(answer.data().get("organization").isNull()).isTrue();
        List<LoggedRequest> calls = LogtoMock.apiCalls();
        for (LoggedRequest call : calls) {
            String path = call.getUrl().split("\\?", 2)[0];
            assertThat(path).matches("/api/organizations/[A-Za-z0-9._~%-]+(/users/" + Ids.ALICE + "/scopes)?");
            assertThat(path).doesNotContain("/../").doesNotContain("#");
            // Neither route takes a query: anything after '?' would have been smuggled in.
            assertThat(call.getUrl()).doesNotContain("?");
        }
        // None of them is an id (letters, digits, `-`, `_`): each is refused before any call.
        assertThat(calls).isEmpty();
        assertThat(answer.errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void searchTextStaysOneQueryValue(String search) {
        LogtoMock.stub(WireMock.get(urlPathMatching("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathMatching("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));

        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                operation("memberCount"),
                Map.of("id", Ids.ORG_A, "search", search));

        // Either answered with one list call, or refused before the list is asked for: never anything else.
        if (answer.errors() == null) {
            assertThat(LogtoMock.apiCalls())
                    .filteredOn(c -> c.getUrl().contains("/users"))
                    .hasSize(1);
        } else {
            assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo("BAD_USER_INPUT");
            assertThat(LogtoMock.apiCalls())
                    .filteredOn(c -> c.getUrl().contains("/users"))
                    .isEmpty();
        }

        for (LoggedRequest call : LogtoMock.apiCalls()) {
            assertThat(call.getUrl().split("\\?", 2)[0])
                    .isIn("/api/organizations/" + Ids.ORG_A, "/api/organizations/" + Ids.ORG_A + "/users");
            if (call.getUrl().contains("/users")) {
                assertThat(call.queryParameter("page_size").values()).containsExactly("20");
                assertThat(call.queryParameter("page").values()).containsExactly("1");
                if (!search.isEmpty() && search.length() <= 512) {
                    // Sent as one value, made literal for Logto's LIKE (LogtoClient.containsText).
                    assertThat(call.queryParameter("q").values()).containsExactly(LogtoClient.containsText(search));
                }
            }
        }
    }
}
