package dev.orgql.devlogto;

import static dev.orgql.devlogto.StandInClient.enc;
import static dev.orgql.devlogto.StandInClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /oidc/token errors and grants, JWKS verification and the developer token API (§7). */
class TokenTest {
    static LogtoStandIn logto;
    static StandInClient client;
    static final String MGMT =
            "resource=" + enc("https://default.logto.app/api") + "&scope=all&grant_type=client_credentials";

    @BeforeAll
    static void start() {
        logto = LogtoStandIn.start(
                StandInOptions.defaults("test-gw", "test-secret").withApiResource("https://api.orgql.dev"));
        client = new StandInClient(logto.baseUrl());
    }

    @AfterAll
    static void stop() {
        logto.close();
    }

    static void assertOAuthError(HttpResponse<String> r, int status, String error) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(error, json(r).get("error").asText(), r.body());
        assertTrue(json(r).get("error_description").isTextual());
    }

    @Test
    void clientAuthenticationErrors() {
        assertOAuthError(client.token("test-gw", "wrong", MGMT), 401, "invalid_client");
        assertEquals(
                "client authentication failed",
                json(client.token("test-gw", "wrong", MGMT))
                        .get("error_description")
                        .asText());
        assertOAuthError(client.token("unknown-app", "x", MGMT), 400, "invalid_client");
        assertOAuthError(client.token(null, null, MGMT), 400, "invalid_request");
        assertOAuthError(
                client.token("test-gw", "test-secret", MGMT + "&client_id=test-gw&client_secret=test-secret"),
                400,
                "invalid_request");
        assertOAuthError(client.token("test-gw", "test-secret", "grant_type=password"), 400, "unsupported_grant_type");
        assertOAuthError(
                client.token("test-gw", "test-secret", "grant_type=client_credentials"), 400, "invalid_target");
        assertOAuthError(
                client.token("test-gw", "test-secret", "grant_type=client_credentials&resource=https%3A%2F%2Fnope"),
                400,
                "invalid_target");
        HttpResponse<String> target =
                client.token("test-gw", "test-secret", "grant_type=client_credentials&resource=https%3A%2F%2Fnope");
        assertEquals(
                "resource indicator is missing, or unknown",
                json(target).get("error_description").asText());
    }

    @Test
    void managementTokenByBasicOrPost() throws Exception {
        HttpResponse<String> basic = client.token("test-gw", "test-secret", MGMT);
        assertEquals(200, basic.statusCode());
        assertEquals(3600, json(basic).get("expires_in").asInt());
        assertEquals("all", json(basic).get("scope").asText());
        HttpResponse<String> post = client.token(null, null, MGMT + "&client_id=test-gw&client_secret=test-secret");
        assertEquals(200, post.statusCode(), post.body());
        verify(json(post).get("access_token").asText());
    }

    @Test
    void botOrganizationToken() throws Exception {
        HttpResponse<String> r = client.token(
                SampleData.DEPLOY_BOT_ID,
                SampleData.DEPLOY_BOT_SECRET,
                "grant_type=client_credentials&organization_id=" + SampleData.ACME_ORG_ID);
        assertEquals(200, r.statusCode(), r.body());
        SignedJWT jwt = verify(json(r).get("access_token").asText());
        assertEquals(
                List.of("urn:logto:organization:" + SampleData.ACME_ORG_ID),
                jwt.getJWTClaimsSet().getAudience());
        assertEquals("read:data", jwt.getJWTClaimsSet().getStringClaim("scope"));
        assertEquals(SampleData.DEPLOY_BOT_ID, jwt.getJWTClaimsSet().getSubject());
        assertEquals(SampleData.DEPLOY_BOT_ID, jwt.getJWTClaimsSet().getStringClaim("client_id"));
        HttpResponse<String> denied = client.token(
                SampleData.DEPLOY_BOT_ID,
                SampleData.DEPLOY_BOT_SECRET,
                "grant_type=client_credentials&organization_id=" + SampleData.GLOBEX_ORG_ID);
        assertOAuthError(denied, 403, "access_denied");
        assertEquals(
                "app has not associated with the organization",
                json(denied).get("error_description").asText());
        String minted = logto.tokens().botOrganizationToken(SampleData.BILLING_BOT_ID, SampleData.GLOBEX_ORG_ID);
        assertEquals("read:data", verify(minted).getJWTClaimsSet().getStringClaim("scope"));
    }

    @Test
    void developerTokens() throws Exception {
        String user =
                logto.tokens().userToken(SampleData.ADMIN_USER_ID, "https://api.orgql.dev", SampleData.API_SCOPES);
        SignedJWT u = verify(user);
        assertEquals("https://api.orgql.dev", u.getJWTClaimsSet().getAudience().get(0));
        assertEquals("create:organization manage:template", u.getJWTClaimsSet().getStringClaim("scope"));
        assertEquals(StandInOptions.DEV_SPA_APP_ID, u.getJWTClaimsSet().getStringClaim("client_id"));
        assertEquals(logto.issuer(), u.getJWTClaimsSet().getIssuer());

        SignedJWT org = verify(logto.tokens().organizationToken(SampleData.MEMBER_USER_ID, SampleData.ACME_ORG_ID));
        assertEquals("invite:member read:data write:data", org.getJWTClaimsSet().getStringClaim("scope"));
        assertFalse(org.getJWTClaimsSet().getClaims().containsKey("organization_id"));
        SignedJWT narrowed = verify(logto.tokens()
                .organizationToken(
                        SampleData.MEMBER_USER_ID, SampleData.ACME_ORG_ID, List.of("read:data", "delete:data")));
        assertEquals("read:data", narrowed.getJWTClaimsSet().getStringClaim("scope"));
        SignedJWT empty = verify(logto.tokens()
                .organizationToken(SampleData.MEMBER_USER_ID, SampleData.ACME_ORG_ID, List.of("delete:data")));
        assertEquals(
                "", empty.getJWTClaimsSet().getStringClaim("scope"), "organization tokens keep an empty scope claim");
        assertThrows(
                IllegalArgumentException.class,
                () -> logto.tokens().organizationToken(SampleData.LONER_USER_ID, SampleData.ACME_ORG_ID));

        SignedJWT res = verify(logto.tokens()
                .organizationResourceToken(
                        SampleData.ADMIN_USER_ID, SampleData.ACME_ORG_ID, "https://api.orgql.dev", null));
        assertEquals(SampleData.ACME_ORG_ID, res.getJWTClaimsSet().getStringClaim("organization_id"));
        assertEquals(
                "https://api.orgql.dev", res.getJWTClaimsSet().getAudience().get(0));
        assertEquals("at+jwt", res.getHeader().getType().getType());
    }

    @Test
    void scopesFollowRoleChanges() throws Exception {
        String before = verify(logto.tokens().organizationToken(SampleData.ADMIN_USER_ID, SampleData.HOOLI_ORG_ID))
                .getJWTClaimsSet()
                .getStringClaim("scope");
        assertEquals(8, before.split(" ").length);
        StandInClient api = new StandInClient(logto.baseUrl()).login("test-gw", "test-secret");
        String member = logto.data().roleByName("member").orElseThrow().id();
        assertEquals(
                204,
                api.send(
                                "PUT",
                                "/api/organizations/" + SampleData.HOOLI_ORG_ID + "/users/" + SampleData.ADMIN_USER_ID
                                        + "/roles",
                                Map.of("organizationRoleIds", List.of(member)))
                        .statusCode());
        String after = verify(logto.tokens().organizationToken(SampleData.ADMIN_USER_ID, SampleData.HOOLI_ORG_ID))
                .getJWTClaimsSet()
                .getStringClaim("scope");
        assertEquals("invite:member read:data write:data", after);
    }

    /** Verifies a token the way the gateway will: key from /oidc/jwks by kid, ES384. */
    static SignedJWT verify(String token) throws Exception {
        JWKSet jwks = JWKSet.parse(client.get("/oidc/jwks").body());
        SignedJWT jwt = SignedJWT.parse(token);
        ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new ECDSAVerifier(key)), "signature");
        JsonNode payload = StandInClient.MAPPER.readTree(jwt.getPayload().toString());
        assertEquals(logto.issuer(), payload.get("iss").asText());
        assertTrue(payload.get("aud").isTextual(), "aud is a string");
        return jwt;
    }
}
