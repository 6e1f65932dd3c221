package dev.orgql.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.orgql.logto.LogtoConfig;
import dev.orgql.logto.Telemetry;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Verifies a Logto access token and says who is calling. Checks, in order: it is a JWT, signed (never
 * {@code alg: none}) with an algorithm Logto uses, by a key of Logto's JWKS; it has not expired, is
 * already valid ({@code nbf}) and was not issued in the future ({@code iat}), each within the clock skew
 * {@code orgql.token-clock-skew}; the issuer is Logto's; the audience is the gateway's API resource or an
 * organization. Every refusal says what was wrong.
 */
@Singleton
public class TokenVerifier {
    static final String ORGANIZATION_AUDIENCE_PREFIX = "urn:logto:organization:";
    private static final Set<JWSAlgorithm> ALLOWED =
            Set.of(JWSAlgorithm.ES384, JWSAlgorithm.ES256, JWSAlgorithm.ES512, JWSAlgorithm.RS256);
    private static final Duration VERIFIED_TTL = Duration.ofMinutes(5);

    private final JwksKeyStore keys;
    private final LogtoConfig logto;
    private final AuthConfig config;
    private final AuthClock clock;
    /**
     * Frontends send the same token for up to an hour, and checking an ES384 signature costs
     * milliseconds of CPU: tokens that passed are remembered (by their full text) for a few minutes,
     * never beyond their expiry. A key Logto withdraws stops being trusted within that time.
     */
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(VERIFIED_TTL)
            .recordStats()
            .build();

    TokenVerifier(JwksKeyStore keys, LogtoConfig logto, AuthConfig config, AuthClock clock, Telemetry telemetry) {
        this.keys = keys;
        this.logto = logto;
        this.config = config;
        this.clock = clock;
        telemetry.monitor("verified-tokens", verified);
    }

    /** Reads {@code Authorization: Bearer <token>}; fails with {@link AuthenticationException}. */
    public CompletableFuture<Caller> authenticate(String authorizationHeader) {
        try {
            String token = bearer(authorizationHeader);
            Verified known = verified.getIfPresent(token);
            if (known != null) {
                // Only tokens that were already valid are remembered (nbf, iat checked then), so expiry
                // is all that can change.
                if (known.expiresAt().plus(config.getTokenClockSkew()).isBefore(clock.now())) {
                    verified.invalidate(token);
                    throw new AuthenticationException("The token expired at " + known.expiresAt() + ".");
                }
                return CompletableFuture.completedFuture(known.caller());
            }
            SignedJWT jwt = parse(token);
            return keys.key(jwt.getHeader().getKeyID()).thenApply(key -> {
                verifySignature(jwt, key);
                JWTClaimsSet claims = claims(jwt);
                Caller caller = toCaller(claims);
                verified.put(
                        token, new Verified(caller, claims.getExpirationTime().toInstant()));
                return caller;
            });
        } catch (AuthenticationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A token that passed every check, and until when it may be used. */
    private record Verified(Caller caller, Instant expiresAt) {}

    /** Compiled once: {@code String.split} compiles a pattern of two or more characters at every call. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static String bearer(String header) {
        if (header == null || header.isBlank()) {
            throw new AuthenticationException("No token: send `Authorization: Bearer <access token>` issued by Logto.");
        }
        // Scanned by hand rather than split by a pattern: a token is a kilobyte or more, and every request
        // pays for reading it.
        String trimmed = header.trim();
        int gap = 0;
        while (gap < trimmed.length() && !isSpace(trimmed.charAt(gap))) {
            gap++;
        }
        String token = trimmed.substring(gap).trim();
        if (gap != "Bearer".length() || !trimmed.regionMatches(true, 0, "Bearer", 0, gap) || token.isEmpty()) {
            throw new AuthenticationException("The Authorization header must be `Bearer <access token>`.");
        }
        return token;
    }

    /** What {@code \s} matches: the separators allowed between the scheme and the token. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == (char) 0x0B || c == '\f' || c == '\r';
    }

    private static SignedJWT parse(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            if (token.chars().filter(c -> c == '.').count() != 2) {
                throw new AuthenticationException(
                        "The token is not a JWT. Opaque tokens are not accepted: request the token "
                                + "for the gateway's API resource or for an organization, so that Logto issues a JWT.");
            }
            throw new AuthenticationException("The token is malformed: " + e.getMessage());
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new AuthenticationException("The token is not signed (alg: none is never accepted).");
        }
        if (!ALLOWED.contains(signed.getHeader().getAlgorithm())) {
            throw new AuthenticationException("The token's algorithm "
                    + signed.getHeader().getAlgorithm() + " is not accepted (accepted: ES384, ES256, ES512, RS256).");
        }
        if (signed.getHeader().getKeyID() == null) {
            throw new AuthenticationException("The token names no signing key (kid).");
        }
        return signed;
    }

    private static void verifySignature(SignedJWT jwt, JWK key) {
        if (key == null) {
            throw new AuthenticationException("The token is signed by a key Logto does not publish (unknown kid).");
        }
        try {
            JWSVerifier verifier;
            if (key instanceof ECKey ec
                    && JWSAlgorithm.Family.EC.contains(jwt.getHeader().getAlgorithm())) {
                verifier = new ECDSAVerifier(ec);
            } else if (key instanceof RSAKey rsa
                    && JWSAlgorithm.Family.RSA.contains(jwt.getHeader().getAlgorithm())) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                throw new AuthenticationException("The token's algorithm does not match its signing key.");
            }
            if (!jwt.verify(verifier)) {
                throw new AuthenticationException("The token's signature is invalid.");
            }
        } catch (JOSEException e) {
            throw new AuthenticationException("The token's signature could not be verified: " + e.getMessage());
        }
    }

    private JWTClaimsSet claims(SignedJWT jwt) {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthenticationException("The token's claims are malformed: " + e.getMessage());
        }
        Instant now = clock.now();
        Duration skew = config.getTokenClockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AuthenticationException("The token has no expiry (exp).");
        }
        if (exp.toInstant().plus(skew).isBefore(now)) {
            throw new AuthenticationException("The token expired at " + exp.toInstant() + ".");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
            throw new AuthenticationException("The token is not valid yet: not before " + nbf.toInstant()
                    + " (the gateway's time is " + now + ", clock skew allowed " + skew.toSeconds() + " s).");
        }
        // Logto stamps iat when it issues a token: one from the future was made by a clock (or a
        // signer) that cannot be trusted, and would outlive what its lifetime suggests.
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(skew))) {
            throw new AuthenticationException("The token was issued in the future: iat " + iat.toInstant()
                    + " (the gateway's time is " + now + ", clock skew allowed " + skew.toSeconds() + " s).");
        }
        if (!logto.getIssuer().equals(claims.getIssuer())) {
            throw new AuthenticationException(
                    "The token was issued by '" + claims.getIssuer() + "', not by " + logto.getIssuer() + ".");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new AuthenticationException("The token has no subject (sub).");
        }
        return claims;
    }

    private Caller toCaller(JWTClaimsSet claims) {
        List<String> audiences = claims.getAudience();
        String subject = claims.getSubject();
        String clientId = stringClaim(claims, "client_id");
        boolean machine = subject.equals(clientId);
        Set<String> scopes = scopes(claims);
        String organizationClaim = stringClaim(claims, "organization_id");

        String organizationAudience = audiences.stream()
                .filter(a -> a.startsWith(ORGANIZATION_AUDIENCE_PREFIX))
                .findFirst()
                .orElse(null);
        if (audiences.size() == 1 && organizationAudience != null) {
            String organizationId = organizationAudience.substring(ORGANIZATION_AUDIENCE_PREFIX.length());
            if (organizationId.isEmpty()) {
                throw new AuthenticationException("The token's organization audience names no organization.");
            }
            return new Caller(
                    subject,
                    clientId,
                    machine ? TokenKind.BOT_ORGANIZATION : TokenKind.USER_ORGANIZATION,
                    organizationId,
                    scopes);
        }
        String apiResource = config.getApiResource();
        if (audiences.size() == 1 && audiences.get(0).equals(apiResource)) {
            if (machine) {
                return new Caller(subject, clientId, TokenKind.MACHINE, emptyToNull(organizationClaim), scopes);
            }
            return organizationClaim == null || organizationClaim.isBlank()
                    ? new Caller(subject, clientId, TokenKind.USER, null, scopes)
                    : new Caller(subject, clientId, TokenKind.USER_ORGANIZATION_API, organizationClaim, scopes);
        }
        throw new AuthenticationException(
                "The token's audience " + audiences + " is not this gateway: request it for the resource " + apiResource
                        + " or for an organization (urn:logto:organization:<id>).");
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (!(scope instanceof String text) || text.isBlank()) {
            return Set.of();
        }
        return Set.copyOf(new LinkedHashSet<>(Arrays.asList(WHITESPACE.split(text.trim()))));
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
