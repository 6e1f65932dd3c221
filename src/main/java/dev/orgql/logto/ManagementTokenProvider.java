package dev.orgql.logto;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own Management API token, by client credentials. Cached until a minute before it
 * expires; any number of concurrent requests share one fetch.
 */
@Singleton
public class ManagementTokenProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementTokenProvider.class);
    private static final String KEY = "management-api";
    /** Refresh this long before expiry, as Logto's own SDK does. */
    private static final Duration EARLY_REFRESH = Duration.ofSeconds(60);

    private final HttpClient http;
    private final LogtoConfig config;
    private final LogtoJson json;
    private final Telemetry telemetry;
    private final AsyncCache<String, Token> cache = Caffeine.newBuilder()
            .maximumSize(1)
            .recordStats()
            .expireAfter(new Expiry<String, Token>() {
                @Override
                public long expireAfterCreate(String key, Token token, long currentTime) {
                    return token.refreshAfter().toNanos();
                }

                @Override
                public long expireAfterUpdate(String key, Token token, long currentTime, long currentDuration) {
                    return token.refreshAfter().toNanos();
                }

                @Override
                public long expireAfterRead(String key, Token token, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            })
            .buildAsync();

    public ManagementTokenProvider(
            @Client(id = "logto") HttpClient http, LogtoConfig config, LogtoJson json, Telemetry telemetry) {
        this.http = http;
        this.config = config;
        this.json = json;
        this.telemetry = telemetry;
        telemetry.monitor("management-token", cache);
    }

    CompletableFuture<String> token() {
        CompletableFuture<Token> token = cache.get(
                KEY,
                (key, executor) -> fetch().whenComplete((fetched, error) -> telemetry
                        .registry()
                        .counter("orgql.logto.token.fetches", "outcome", error == null ? "issued" : "failed")
                        .increment()));
        if (token.isDone()) {
            return token.thenApply(Token::value);
        }
        // Callers waiting for one shared fetch go on in their own context (their request's trace), not
        // in that of the request that started the fetch, on whose callback thread they would otherwise run.
        PropagatedContext caller = PropagatedContext.getOrEmpty();
        return token.thenApplyAsync(Token::value, task -> {
            try (PropagatedContext.Scope ignored = caller.propagate()) {
                task.run();
            }
        });
    }

    /** Drops the token Logto refused, unless another request already replaced it. */
    void invalidate(String refused) {
        CompletableFuture<Token> current = cache.getIfPresent(KEY);
        if (current != null
                && current.isDone()
                && !current.isCompletedExceptionally()
                && current.join().value().equals(refused)) {
            cache.asMap().remove(KEY, current);
        }
    }

    private CompletableFuture<Token> fetch() {
        String form = "grant_type=client_credentials"
                + "&resource=" + URLEncoder.encode(config.getManagementResource(), StandardCharsets.UTF_8)
                + "&scope=all";
        var request = HttpRequest.POST(config.tokenUri(), form)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .basicAuth(
                        URLEncoder.encode(config.getM2mAppId(), StandardCharsets.UTF_8),
                        URLEncoder.encode(config.getM2mAppSecret(), StandardCharsets.UTF_8));
        return RawExchange.send(http, request).handle((RawExchange response, Throwable error) -> {
            if (error != null) {
                String message = "Logto's token endpoint could not be reached: " + error.getMessage();
                // One line per failed fetch, no stack trace: an outage repeats it for every request.
                LOG.warn(message);
                throw new LogtoException(message, error);
            }
            JsonNode node = json.tree(response.body());
            int status = response.status();
            if (status != 200 || node == null || !node.hasNonNull("access_token")) {
                String detail = node != null && node.hasNonNull("error")
                        ? node.path("error").asText() + ": "
                                + node.path("error_description").asText()
                        : "HTTP " + status;
                LogtoException refused = new LogtoException(
                        status,
                        "oidc." + (node != null ? node.path("error").asText("token_error") : "token_error"),
                        "The gateway could not get its Management API token (" + detail
                                + "); check LOGTO_M2M_APP_ID, LOGTO_M2M_APP_SECRET and LOGTO_MANAGEMENT_RESOURCE");
                LOG.warn(refused.getMessage());
                throw refused;
            }
            long expiresIn = node.path("expires_in").asLong(3600);
            Duration lifetime = Duration.ofSeconds(expiresIn);
            Duration refreshAfter = lifetime.compareTo(EARLY_REFRESH.multipliedBy(2)) > 0
                    ? lifetime.minus(EARLY_REFRESH)
                    : lifetime.dividedBy(2);
            return new Token(node.get("access_token").asText(), refreshAfter);
        });
    }

    private record Token(String value, Duration refreshAfter) {}
}
