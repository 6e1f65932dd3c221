package dev.orgql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a token can be unacceptable gets HTTP 401 with a GraphQL error saying why, and makes no
 * Management API call.
 */
@MicronautTest
class AuthenticationTest extends GatewayTest {
    private static final String QUERY = operation("organizationName");
    private static final Map<String, Object> VARIABLES = Map.of("id", Ids.ORG_A);

    private void assertRefused(String authorization, String reason) {
        Answer answer = graphql(authorization, QUERY, VARIABLES);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(answer.firstError().get("message").asText()).contains(reason);
        assertThat(answer.data()).isNull();
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void noToken() {
        assertRefused(null, "No token");
    }

    @Test
    void notBearer() {
        assertRefused("Basic dXNlcjpwYXNz", "Bearer");
    }

    /** RFC 9110: the scheme is case-insensitive, and any run of spaces or tabs may follow it. */
    @ParameterizedTest
    @ValueSource(strings = {"bearer ", "BEARER \t", "Bearer  \t "})
    void schemeInAnyCaseAndAnyWhitespaceIsAccepted(String scheme) {
        stubOrganizationA();
        String token = TestTokens.organizationToken(LogtoMock.issuer(), Ids.ALICE, Ids.ORG_A, "read:data");
        Answer answer = graphql(scheme + token, QUERY, VARIABLES);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
    }

    /** The scheme is the whole word before the first space: a prefix or a longer word is not it. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bear eyJhbGciOiJFUzM4NCJ9.e30.c2ln",
                "Bearers eyJhbGciOiJFUzM4NCJ9.e30.c2ln",
                "XBearer eyJhbGciOiJFUzM4NCJ9.e30.c2ln"
            })
    void otherSchemesAreRefused(String header) {
        assertRefused(header, "must be `Bearer <access token>`");
    }

    @Test
    void bearerWithoutToken() {
        assertRefused("Bearer \t ", "must be `Bearer <access token>`");
    }

    @Test
    void malformedJwt() {
        assertRefused("Bearer bm90LWpzb24.e30.c2ln", "malformed");
    }

    @Test
    void opaqueToken() {
        assertRefused("Bearer -ka0MtqPaYziLXFEEkQy0kTSIr35LscccMsZ4Ip5VNK", "not a JWT");
    }

    @Test
    void expired() {
        String token = TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign();
        assertRefused(token, "expired");
    }

    /** An organization token for Alice with one registered time claim set (in seconds, as Logto writes them). */
    private static String tokenWith(String claim, Instant value) {
        return TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .claim(claim, value.getEpochSecond())
                .sign();
    }

    private void stubOrganizationA() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
    }

    @Test
    void notValidYet() {
        String token = tokenWith("nbf", Instant.now().plusSeconds(3600));
        assertRefused(token, "not valid yet");
        // Refused tokens are not remembered: the same one is checked again, and refused again.
        assertRefused(token, "not valid yet");
    }

    @Test
    void notBeforeWithinTheClockSkewIsAccepted() {
        stubOrganizationA();
        // The default skew is 30 s: Logto's clock may run a little ahead of the gateway's.
        Answer answer = graphql(tokenWith("nbf", Instant.now().plusSeconds(10)), QUERY, VARIABLES);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
    }

    @Test
    void notBeforeJustBeyondTheClockSkewIsRefused() {
        assertRefused(tokenWith("nbf", Instant.now().plusSeconds(90)), "clock skew allowed 30 s");
    }

    @Test
    void issuedInTheFuture() {
        String token = tokenWith("iat", Instant.now().plusSeconds(3600));
        assertRefused(token, "issued in the future");
        assertRefused(token, "issued in the future");
        assertRefused(tokenWith("iat", Instant.now().plusSeconds(90)), "issued in the future");
    }

    @Test
    void issuedAtWithinTheClockSkewIsAccepted() {
        stubOrganizationA();
        assertThat(graphql(tokenWith("iat", Instant.now().plusSeconds(10)), QUERY, VARIABLES)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void wrongIssuer() {
        String token = TestTokens.token("https://evil.example.com/oidc")
                .subject(Ids.ALICE)
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .sign();
        assertRefused(token, "issued by 'https://evil.example.com/oidc'");
    }

    @Test
    void wrongAudience() {
        String token = TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience("https://default.logto.app/api")
                .scope("all")
                .sign();
        assertRefused(token, "audience");
    }

    @Test
    void foreignKeyWithUnknownKid() {
        String token = TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .signedWith(TestTokens.FOREIGN_KEY)
                .sign();
        assertRefused(token, "unknown kid");
    }

    @Test
    void foreignKeyPretendingToBeLogtosKey() {
        String token = TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .signedWith(TestTokens.FOREIGN_KEY)
                .kid(TestTokens.LOGTO_KEY.getKeyID())
                .sign();
        assertRefused(token, "signature is invalid");
    }

    @Test
    void algNone() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Ids.ALICE)
                .issuer(LogtoMock.issuer())
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("scope", "read:data")
                .build();
        assertRefused("Bearer " + new PlainJWT(claims).serialize(), "alg: none");
    }

    @Test
    void symmetricAlgorithm() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(Ids.ALICE)
                .issuer(LogtoMock.issuer())
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(TestTokens.LOGTO_KEY.getKeyID())
                        .build(),
                claims);
        jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef"));
        assertRefused("Bearer " + jwt.serialize(), "HS256 is not accepted");
    }

    @Test
    void validOrganizationTokenIsAccepted() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));

        Answer answer = graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), QUERY, VARIABLES);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
    }

    @Test
    void aRememberedTokenDoesNotVouchForATamperedCopy() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        assertThat(graphql(token, QUERY, VARIABLES).status()).isEqualTo(200);
        assertThat(graphql(token, QUERY, VARIABLES).status()).isEqualTo(200);
        LogtoMock.clearJournal();

        String[] parts = token.split("\\.");
        String otherPayload = TestTokens.token(LogtoMock.issuer())
                .subject("someoneelse1")
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .sign()
                .split("\\.")[1];
        assertRefused(parts[0] + "." + otherPayload + "." + parts[2], "signature is invalid");
    }

    @Test
    void introspectionNeedsNoToken() {
        Answer answer = graphql(null, operation("schemaQueryType"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().at("/__schema/queryType/name").asText()).isEqualTo("Query");
    }

    @Test
    void introspectionMixedWithDataNeedsAToken() {
        Answer answer = graphql(null, operation("typenameAndTemplateRoles"));
        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void machineTokensCannotAskForTheViewer() {
        String bot = TestTokens.token(LogtoMock.issuer())
                .subject("c7n2m8k4j1h9g5f3d6s0a")
                .claim("client_id", "c7n2m8k4j1h9g5f3d6s0a")
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .sign();

        Answer answer = graphql(bot, operation("viewerUserId"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().get("viewer").isNull()).isTrue();
        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    /** The template is for signed-in users' screens (role pickers); before the rule was declared any token read it. */
    @ParameterizedTest
    @ValueSource(strings = {"bot organization token", "machine token for the gateway's API"})
    void machineTokensCannotReadTheOrganizationTemplate(String kind) {
        var token = TestTokens.token(LogtoMock.issuer())
                .subject("c7n2m8k4j1h9g5f3d6s0a")
                .claim("client_id", "c7n2m8k4j1h9g5f3d6s0a");
        String machine = kind.startsWith("bot")
                ? token.audience("urn:logto:organization:" + Ids.ORG_A)
                        .scope("read:data")
                        .sign()
                : token.audience(TestTokens.API_RESOURCE)
                        .scope("manage:template")
                        .sign();

        Answer answer = graphql(machine, "{ organizationTemplate { roles { name } } }");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(answer.firstError().get("message").asText())
                .contains("`Query.organizationTemplate` is for signed-in users");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void jwksIsFetchedOnceForManyRequests() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        for (int i = 0; i < 5; i++) {
            graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), QUERY, VARIABLES);
        }
        assertThat(LogtoMock.server()
                        .findAll(WireMock.getRequestedFor(urlPathEqualTo("/oidc/jwks")))
                        .size())
                .isLessThanOrEqualTo(1);
    }

    // Broken on purpose, so written here rather than kept with the operations.
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "an unknown field        | query($id: ID!) { organization(id: $id) { nope } }   | id    | " + Ids.ORG_A,
                "a syntax error          | '{ organization(id: '                                | id    | " + Ids.ORG_A,
                "a variable's wrong type | query($first: Int) { organizationTemplate { roles { name } } } | first | many"
            })
    void invalidQueriesAreBadUserInputLikeEveryOtherError(String problem, String query, String variable, String value) {
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                query,
                query.contains("$") ? Map.of(variable, value) : Map.of());

        assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void variablesAreHonoured() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("organization"), Map.of("id", Ids.ORG_A));
        assertThat(answer.data().at("/organization/organizationId").asText()).isEqualTo(Ids.ORG_A);
    }

    @Test
    void mutationsAreRefusedOverGet() throws Exception {
        String query =
                java.net.URLEncoder.encode(operation("leaveOrganization"), java.nio.charset.StandardCharsets.UTF_8)
                        + "&variables="
                        + java.net.URLEncoder.encode(
                                Fixtures.JSON.writeValueAsString(Map.of("input", Map.of("organizationId", Ids.ORG_A))),
                                java.nio.charset.StandardCharsets.UTF_8);
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(server.getURL() + "/graphql?query=" + query))
                                .header("Authorization", "Bearer " + userToken(Ids.ALICE, ""))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("BAD_USER_INPUT").contains("POST");
        assertThat(LogtoMock.apiCalls()).isEmpty();
    }

    @Test
    void queriesWorkOverGet() throws Exception {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL() + "/graphql?query="
                                        + java.net.URLEncoder.encode(QUERY, java.nio.charset.StandardCharsets.UTF_8)
                                        + "&variables="
                                        + java.net.URLEncoder.encode(
                                                Fixtures.JSON.writeValueAsString(VARIABLES),
                                                java.nio.charset.StandardCharsets.UTF_8)))
                                .header("Authorization", "Bearer " + orgToken(Ids.ALICE, Ids.ORG_A, "read:data"))
                                .GET()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Acme");
    }
}
