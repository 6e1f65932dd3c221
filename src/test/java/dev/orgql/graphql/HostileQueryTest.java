package dev.orgql.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile queries under the default limits. The query is parsed before the token is looked at, so the
 * work counted here (tokens the parser read) is all an unauthenticated client can make the gateway do;
 * over-limit queries are refused before the token is checked (a token that is not even a JWT does not
 * change the answer) and before any call to Logto. Work is counted, never timed.
 */
@MicronautTest
class HostileQueryTest extends GatewayTest {
    private static final String NOT_A_JWT = "Bearer not-a-jwt";
    private static final int MAX_TOKENS = 5000;
    private static final int ANONYMOUS_MAX_TOKENS = 1000;

    @Inject
    DocumentCache documents;

    private static String repeat(int n, IntFunction<String> selection) {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            query.append(' ').append(selection.apply(i));
        }
        return query.append(" }").toString();
    }

    private static String typenames(int n) {
        return repeat(n, i -> "__typename");
    }

    /** Sends the query and returns the answer, checking how many tokens the parser read for it. */
    private Answer send(String token, String query, long maxTokensRead) {
        long before = documents.tokensRead();
        Answer answer = graphql(token, query);
        assertThat(documents.tokensRead() - before).as("tokens parsed").isLessThanOrEqualTo(maxTokensRead);
        return answer;
    }

    /** The callers the parser limits hold for: a valid token, and one that is not even a JWT (never checked). */
    private String token(String caller) {
        return caller.equals("a signed token") ? orgToken(Ids.ALICE, Ids.ORG_A, "read:data") : NOT_A_JWT;
    }

    private static void assertTooComplex(Answer answer, String limit) {
        assertThat(answer.data() == null || answer.data().isNull())
                .as(answer.body().toString())
                .isTrue();
        assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(answer.firstError().at("/extensions/limit").asText()).isEqualTo(limit);
    }

    @Test
    void fourteenThousandTypenamesWithoutATokenAreRefusedByTheParser() {
        Answer answer = send(null, typenames(14_000), 0);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(answer.firstError().path("message").asText()).contains("only introspection", "1000 tokens");
        assertThat(answer.data() == null || answer.data().isNull()).isTrue();
        // Within the length: the parser stops after a thousand tokens without a token.
        Answer shortNames = send(null, repeat(14_000, i -> "a"), ANONYMOUS_MAX_TOKENS + 1);
        assertThat(shortNames.status()).isEqualTo(401);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @ParameterizedTest(name = "with {0}")
    @ValueSource(strings = {"a signed token", "not a JWT"})
    void fourteenThousandTypenamesWithATokenAreRefusedByTheParserWithoutCheckingTheToken(String caller) {
        String token = token(caller);
        // 154,000 characters: over the 64 K a query may have, refused before a single token is parsed.
        Answer answer = send(token, typenames(14_000), 0);
        assertTooComplex(answer, "characters");
        assertThat(answer.firstError().at("/extensions/max").asInt()).isEqualTo(65_536);
        // Short names: 14,000 tokens in 28,000 characters; the parser stops after 5,000.
        Answer shortNames = send(token, repeat(14_000, i -> "a"), MAX_TOKENS + 1);
        assertTooComplex(shortNames, "tokens");
        assertThat(shortNames.firstError().at("/extensions/max").asInt()).isEqualTo(MAX_TOKENS);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    /** {@code n} spreads of one fragment of {@code width} {@code __typename}s: n x width fields in few tokens. */
    private static String spreadTypenames(int n, int width) {
        return "query { " + "...F ".repeat(n) + "} fragment F on Query { " + "__typename ".repeat(width) + "}";
    }

    @ParameterizedTest(name = "with {0}")
    @ValueSource(strings = {"a signed token", "not a JWT"})
    void typenamesCountTowardTheComplexity(String caller) {
        // 6,000 fields in about 1,200 tokens: over the complexity of 5,000 although __typename reads nothing.
        Answer answer = send(token(caller), spreadTypenames(60, 100), 1300);
        assertTooComplex(answer, "complexity");
        assertThat(answer.firstError().at("/extensions/value").asLong()).isEqualTo(6000);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void fiveThousandTypenamesAreAtTheComplexityLimitAndAnswered() {
        Answer atLimit = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), spreadTypenames(50, 100));
        assertThat(atLimit.errors()).as(atLimit.body().toString()).isNull();
        assertThat(atLimit.data().size()).isEqualTo(1);
        // Executed, the 5,000 selections merge into one response key: the operation's cost is far less.
        assertThat(atLimit.body().at("/extensions/cost/requested").asLong()).isBetween(1L, 5000L);
        assertThat(atLimit.body().at("/extensions/cost/limit").asLong()).isEqualTo(5000);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void withoutATokenIntrospectionGetsTheGoodFaithBudgetOfFiveHundredFields() {
        Answer over = send(null, typenames(501), 503);
        assertTooComplex(over, "complexity");
        assertThat(over.firstError().at("/extensions/max").asInt()).isEqualTo(500);
        assertThat(over.firstError().path("message").asText()).contains("without a token");

        Answer atLimit = graphql(null, typenames(500));
        assertThat(atLimit.status()).isEqualTo(200);
        assertThat(atLimit.errors()).isNull();
        assertThat(atLimit.data().path("__typename").asText()).isEqualTo("Query");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void withoutATokenAnythingButIntrospectionIsUnauthenticatedRightAfterTheBoundedParse() {
        String query = "{ organization(id: \"" + Ids.ORG_A + "\") { id } }";
        Answer answer = send(null, query, 12);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo("UNAUTHENTICATED");
        // Over the complexity, but not introspection: the limits are not even computed.
        Answer big =
                send(null, repeat(300, i -> "a" + i + ": organization(id: \"x\") { id }"), ANONYMOUS_MAX_TOKENS + 1);
        assertThat(big.status()).isEqualTo(401);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @ParameterizedTest(name = "with {0}")
    @ValueSource(strings = {"a signed token", "not a JWT"})
    void thousandsOfAliasesAreCountedOnce(String caller) {
        Answer answer = send(token(caller), repeat(1500, i -> "a" + i + ": __typename"), 1500 * 3 + 2);
        assertTooComplex(answer, "aliases");
        assertThat(answer.firstError().at("/extensions/value").asLong()).isEqualTo(1500);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void sixteenAliasesAreSixteen() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(dev.orgql.support.Fixtures.organization(Ids.ORG_A, "Acme"))));
        String query = repeat(16, i -> "o" + i + ": organization(id: \"" + Ids.ORG_A + "\") { name }");
        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query);
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        assertThat(answer.data().path("o15").path("name").asText()).isEqualTo("Acme");
    }

    @ParameterizedTest(name = "with {0}")
    @ValueSource(strings = {"a signed token", "not a JWT"})
    void deeplyNestedSelectionsAreRefused(String caller) {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            deep.append("viewer { ");
        }
        String nested3000 = "{ " + deep + "id" + " }".repeat(3000) + " }";
        String nested25 = "{ " + "viewer { ".repeat(25) + "id" + " }".repeat(25) + " }";
        String token = token(caller);
        // The parser gives up at its rule depth: it has read a few hundred tokens, not 9,000.
        assertTooComplex(send(token, nested3000, 200), "ruleDepth");
        Answer answer = send(token, nested25, 25 * 3 + 3);
        assertTooComplex(answer, "depth");
        assertThat(answer.firstError().at("/extensions/value").asInt()).isEqualTo(26);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    // About 250 KB: under the 256 KB request cap, far over the 64 K characters a query may have.
    private static final String LONG_STRING = "{ organization(id: \"" + "x".repeat(250_000) + "\") { id } }";

    static Stream<Arguments> documentsNearTheRequestSizeCap() {
        // Commas and comments are tokens too, with their own counts.
        return Stream.of(
                Arguments.of("a 250,000-character string", LONG_STRING, "characters"),
                Arguments.of("30,000 commas", "{ " + ",".repeat(30_000) + " __typename }", "whitespaceTokens"),
                Arguments.of("20,000 comments", "{ " + "#\n".repeat(20_000) + " __typename }", "tokens"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentsNearTheRequestSizeCap")
    void aDocumentNearTheRequestSizeCapIsRefusedByItsLength(String name, String query, String limit) {
        assertTooComplex(send(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query, 10), limit);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void aDocumentNearTheRequestSizeCapWithoutATokenIsUnauthenticated() {
        Answer anonymous = send(null, LONG_STRING, 10);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void eachQueryIsParsedOnceAndThenServedFromTheCache() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        String query = "{ __typename a: __typename }";
        long before = documents.tokensRead();
        graphql(token, query);
        // One parse of the request (6 tokens), none in graphql-java's execution...
        assertThat(documents.tokensRead() - before).isEqualTo(6);
        graphql(token, query);
        graphql(null, query);
        // ...and none for the same text again, signed in or not.
        assertThat(documents.tokensRead() - before).isEqualTo(6);
    }
}
