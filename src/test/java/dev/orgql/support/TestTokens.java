package dev.orgql.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real JWTs for tests, signed with a test EC P-384 key (ES384, as Logto signs) that WireMock serves
 * as Logto's JWKS. A second key, never published, signs "foreign" tokens.
 */
public final class TestTokens {
    public static final String ISSUER_PATH = "/oidc";
    public static final String API_RESOURCE = "https://api.orgql.test";
    public static final String SPA_CLIENT_ID = "5wjj877hshl8qc4or4tvq";

    public static final ECKey LOGTO_KEY = generate("UGsxmnjRRSEjslgL1r9dmIYnaheuHxvevugDNptrfwM");
    public static final ECKey FOREIGN_KEY = generate("foreign-key-1");

    private TestTokens() {}

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jwks() {
        return new JWKSet(LOGTO_KEY.toPublicJWK()).toString();
    }

    public static Builder token(String issuer) {
        return new Builder(issuer);
    }

    /** A user's organization token: {@code aud = urn:logto:organization:{org}}. */
    public static String organizationToken(String issuer, String userId, String organizationId, String scopes) {
        return token(issuer)
                .subject(userId)
                .audience("urn:logto:organization:" + organizationId)
                .scope(scopes)
                .sign();
    }

    /** A user's token for the gateway's API resource. */
    public static String userToken(String issuer, String userId, String scopes) {
        return token(issuer)
                .subject(userId)
                .audience(API_RESOURCE)
                .scope(scopes)
                .sign();
    }

    public static final class Builder {
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        private ECKey key = LOGTO_KEY;
        private String kid;

        private Builder(String issuer) {
            Instant now = Instant.now();
            claims.jwtID(UUID.randomUUID().toString())
                    .issuer(issuer)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(3600)))
                    .claim("client_id", SPA_CLIENT_ID);
        }

        public Builder subject(String subject) {
            claims.subject(subject);
            return this;
        }

        public Builder audience(String audience) {
            claims.audience(List.of(audience)).claim("aud", audience);
            return this;
        }

        public Builder scope(String scope) {
            if (scope != null) {
                claims.claim("scope", scope);
            }
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Builder claims(Map<String, Object> values) {
            values.forEach(claims::claim);
            return this;
        }

        public Builder expiresAt(Instant instant) {
            claims.expirationTime(Date.from(instant));
            return this;
        }

        public Builder signedWith(ECKey signingKey) {
            this.key = signingKey;
            return this;
        }

        public Builder kid(String keyId) {
            this.kid = keyId;
            return this;
        }

        public String sign() {
            try {
                JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES384)
                        .type(new JOSEObjectType("at+jwt"))
                        .keyID(kid != null ? kid : key.getKeyID())
                        .build();
                SignedJWT jwt = new SignedJWT(header, claims.build());
                jwt.sign(new ECDSASigner(key));
                return jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
