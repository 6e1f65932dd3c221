package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Signs access tokens the way Logto's OIDC provider does: ES384 with a P-384 key generated at start-up,
 * header {@code {alg, typ: at+jwt, kid}}, claims {@code jti sub iat exp scope client_id iss aud} in that order
 * (see recorded/v1.37.1/30-end-user-org-token-claims.json).
 */
final class TokenSigner {
    static final String MANAGEMENT_RESOURCE = "https://default.logto.app/api";
    static final String ORGANIZATION_URN_PREFIX = "urn:logto:organization:";

    private final ECKey key;
    private final Ids ids;
    private final LongSupplier clock;
    private final Duration ttl;
    private final ECDSAVerifier verifier;
    private final java.util.Map<String, JWTClaimsSet> verifiedSignatures =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String issuer = "";

    TokenSigner(Ids ids, LongSupplier clock, Duration ttl) {
        try {
            this.key = new ECKeyGenerator(Curve.P_384)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES384)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the P-384 signing key", e);
        }
        try {
            this.verifier = new ECDSAVerifier(key.toECPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot use the P-384 key for verification", e);
        }
        this.ids = ids;
        this.clock = clock;
        this.ttl = ttl;
    }

    void issuer(String issuer) {
        this.issuer = issuer;
    }

    String issuer() {
        return issuer;
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }

    String keyId() {
        return key.getKeyID();
    }

    /** JWKS as Logto serves it: the public key with {@code use} and {@code alg} (recorded/…/31-oidc-jwks.json). */
    ObjectNode jwks() {
        try {
            ObjectNode n = Json.object();
            n.putArray("keys").add(Json.MAPPER.readTree(key.toPublicJWK().toJSONString()));
            return n;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param scope null leaves the claim out (a resource token without scopes); "" is kept (organization tokens)
     * @param organizationId non-null adds the organization-level API resource claim
     */
    String sign(String subject, String clientId, String audience, String scope, String organizationId) {
        long iat = clock.getAsLong() / 1000;
        // Built by hand (not JWTClaimsSet) to keep Logto's claim order, which the recordings show.
        ObjectNode claims = Json.object();
        if (organizationId != null) claims.put("organization_id", organizationId);
        claims.put("jti", ids.jti()).put("sub", subject).put("iat", iat).put("exp", iat + ttl.toSeconds());
        if (scope != null) claims.put("scope", scope);
        claims.put("client_id", clientId).put("iss", issuer).put("aud", audience);
        try {
            // Parsed from our own JSON so the header keeps Logto's member order {alg, typ, kid} too.
            String headerJson = Json.object()
                    .put("alg", "ES384")
                    .put("typ", "at+jwt")
                    .put("kid", key.getKeyID())
                    .toString();
            JWSHeader header = JWSHeader.parse(Base64URL.encode(headerJson));
            JWSObject jws = new JWSObject(header, new Payload(claims.toString()));
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * koa-auth of the Management API: signature, issuer, expiry and audience (401 {@code auth.unauthorized}),
     * then the {@code all} scope (403 {@code auth.forbidden}).
     */
    void verifyManagementToken(String token) {
        JWTClaimsSet claims = verifiedSignatures.get(token);
        if (claims == null) {
            try {
                SignedJWT jwt = SignedJWT.parse(token);
                if (!jwt.verify(verifier)) throw unauthorized("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", null);
                claims = jwt.getJWTClaimsSet();
            } catch (ParseException | JOSEException | IllegalStateException e) {
                throw unauthorized("ERR_JWS_INVALID", null);
            }
            // The gateway sends one token for an hour; an ES384 check per call would dominate dev-mode latency.
            if (verifiedSignatures.size() > 1000) {
                verifiedSignatures.clear();
            }
            verifiedSignatures.put(token, claims);
        }
        if (claims.getExpirationTime() == null || claims.getExpirationTime().getTime() <= clock.getAsLong()) {
            throw unauthorized("ERR_JWT_EXPIRED", "exp");
        }
        if (!issuer.equals(claims.getIssuer())) throw unauthorized("ERR_JWT_CLAIM_VALIDATION_FAILED", "iss");
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(MANAGEMENT_RESOURCE))
            throw unauthorized("ERR_JWT_CLAIM_VALIDATION_FAILED", "aud");
        Object scope = claims.getClaim("scope");
        if (!(scope instanceof String s) || !List.of(s.split(" ")).contains("all")) {
            throw new ApiError(403, "auth.forbidden", "Forbidden. Please check your user roles and permissions.");
        }
    }

    private static ApiError unauthorized(String joseCode, String claim) {
        ObjectNode data = Json.object().put("code", joseCode);
        if (claim != null) data.put("claim", claim).put("reason", "check_failed");
        return new ApiError(
                401, "auth.unauthorized", "Unauthorized. Please check credentials and its scope.", data, null);
    }
}
