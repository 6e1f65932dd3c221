package dev.orgql.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.orgql.logto.LogtoConfig;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Logto's signing keys from {@code {endpoint}/oidc/jwks}, picked by {@code kid}. The set is cached and
 * fetched again when a token names a key it does not hold (Logto rotates keys), at most once per
 * {@code orgql.jwks-min-refresh-interval} so that tokens with invented key ids cannot make the gateway
 * hammer Logto. Concurrent requests share one fetch.
 */
@Singleton
public class JwksKeyStore {
    private final HttpClient http;
    private final LogtoConfig logto;
    private final AuthConfig config;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Fetched>> current = new AtomicReference<>();

    JwksKeyStore(@Client(id = "logto") HttpClient http, LogtoConfig logto, AuthConfig config) {
        this.http = http;
        this.logto = logto;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** The key with this id, or null when Logto has none by that id. */
    CompletableFuture<JWK> key(String kid) {
        CompletableFuture<Fetched> set = current.get();
        if (set == null || set.isCompletedExceptionally()) {
            set = refresh(set);
        }
        return set.thenCompose(fetched -> {
            JWK key = fetched.keys().getKeyByKeyId(kid);
            if (key != null) {
                return CompletableFuture.completedFuture(key);
            }
            if (Instant.now(clock).isBefore(fetched.at().plus(config.getJwksMinRefreshInterval()))) {
                return CompletableFuture.completedFuture(null);
            }
            return refresh(current.get()).thenApply(again -> again.keys().getKeyByKeyId(kid));
        });
    }

    private CompletableFuture<Fetched> refresh(CompletableFuture<Fetched> seen) {
        CompletableFuture<Fetched> next = new CompletableFuture<>();
        if (!current.compareAndSet(seen, next)) {
            CompletableFuture<Fetched> other = current.get();
            return other != null ? other : refresh(null);
        }
        Mono.from(http.exchange(HttpRequest.GET(logto.jwksUri()).accept(MediaType.APPLICATION_JSON_TYPE), byte[].class))
                .toFuture()
                .whenComplete((HttpResponse<byte[]> response, Throwable error) -> {
                    try {
                        if (error != null) {
                            throw new IllegalStateException("Logto's JWKS could not be fetched: " + error.getMessage());
                        }
                        if (response.getStatus().getCode() != 200) {
                            throw new IllegalStateException("Logto's JWKS answered HTTP " + response.getStatus().getCode());
                        }
                        String body = new String(response.getBody().orElse(new byte[0]), StandardCharsets.UTF_8);
                        next.complete(new Fetched(JWKSet.parse(body), Instant.now(clock)));
                    } catch (ParseException | RuntimeException e) {
                        next.completeExceptionally(new JwksUnavailableException(e.getMessage()));
                    }
                });
        return next;
    }

    private record Fetched(JWKSet keys, Instant at) {
    }

    /** The keys could not be had: the gateway cannot tell good tokens from bad, so it refuses them all. */
    public static class JwksUnavailableException extends RuntimeException {
        JwksUnavailableException(String message) {
            super(message);
        }
    }
}
