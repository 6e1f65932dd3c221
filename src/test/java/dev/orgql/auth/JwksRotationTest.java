package dev.orgql.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logto rotates its signing keys: a token naming a key the gateway has not seen makes it fetch the JWKS again. */
@MicronautTest
class JwksRotationTest extends GatewayTest {
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.jwks-min-refresh-interval", "0s");
    }

    @Test
    void tokenSignedByANewlyPublishedKeyIsAccepted() throws Exception {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        String query = operation("organizationName");
        Map<String, Object> variables = Map.of("id", Ids.ORG_A);
        assertThat(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query, variables)
                        .status())
                .isEqualTo(200);

        ECKey next = new ECKeyGenerator(Curve.P_384).keyID("rotated-key-2").generate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .willReturn(LogtoMock.json(
                        200, new JWKSet(List.of(next.toPublicJWK(), TestTokens.LOGTO_KEY.toPublicJWK())).toString())));
        String token = TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .signedWith(next)
                .sign();

        Answer answer = graphql(token, query, variables);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().at("/organization/name").asText()).isEqualTo("Acme");
        // The old key still works after the rotation.
        assertThat(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query, variables)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aFailedRefetchForAnUnknownKidKeepsTheKeysHeld() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        String query = operation("organizationName");
        Map<String, Object> variables = Map.of("id", Ids.ORG_A);
        assertThat(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query, variables)
                        .status())
                .isEqualTo(200);
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/oidc/jwks"))
                .willReturn(LogtoMock.json(
                        500, Fixtures.load("errors/500.internal.json").toString())));
        LogtoMock.clearJournal();

        String unknown = TestTokens.token(LogtoMock.issuer())
                .subject(Ids.ALICE)
                .audience("urn:logto:organization:" + Ids.ORG_A)
                .scope("read:data")
                .signedWith(TestTokens.FOREIGN_KEY)
                .kid("invented-kid")
                .sign();
        assertThat(graphql(unknown, query, variables).status()).isEqualTo(503);

        // New tokens signed by the held key still pass, without asking for the JWKS again.
        for (int i = 0; i < 3; i++) {
            assertThat(graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), query, variables)
                            .status())
                    .isEqualTo(200);
        }
        assertThat(LogtoMock.server().findAll(WireMock.getRequestedFor(urlPathEqualTo("/oidc/jwks"))))
                .hasSize(1);
    }
}
