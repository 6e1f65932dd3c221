package dev.orgql.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The optional {@code input.idempotencyKey} of the multi-step mutations: a client that did not get the
 * answer to a mutation (a timeout, a dropped connection) sends it again with the same key and gets the
 * first attempt's payload, without the work being done twice. Entries are per mutation, per caller
 * (the token's subject) and per key, so one client's key never answers another's. The same key with
 * another input is refused as {@code BAD_USER_INPUT} and changes nothing.
 *
 * <p>Only a payload without userErrors is remembered: a refused or failed attempt changed nothing (the
 * mutations are all or nothing), so its retry simply runs again. A retry that arrives while the first
 * attempt still runs waits for it and shares its outcome. The store is in this gateway's memory,
 * bounded in size and age ({@code orgql.idempotency.*}); several gateway instances do not share it.
 */
@Singleton
public class IdempotentMutations {
    /** The input field that carries the key. */
    public static final String FIELD = "idempotencyKey";

    static final int MAX_KEY_LENGTH = 128;

    private final Cache<String, Entry> entries;

    IdempotentMutations(Settings settings) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(settings.getMaxEntries())
                .expireAfterWrite(settings.getTtl())
                .build();
    }

    /** The first attempt's input (without the key) and its outcome. */
    private record Entry(Map<String, Object> input, CompletableFuture<Object> outcome) {}

    /**
     * Runs the mutation once per key: without a key in {@code input}, just runs it.
     *
     * @param failed     the payload carrying a user error (the key misused)
     * @param userErrors the payload's userErrors, to tell a success from a refusal
     */
    @SuppressWarnings("unchecked")
    public <P> CompletableFuture<P> once(
            graphql.schema.DataFetchingEnvironment env,
            Function<List<UserError>, P> failed,
            Function<P, List<UserError>> userErrors,
            Supplier<CompletableFuture<P>> mutation) {
        Map<String, Object> input = env.getArgument("input");
        Object key = input == null ? null : input.get(FIELD);
        if (key == null) {
            return mutation.get();
        }
        String given = key.toString();
        if (given.isEmpty() || given.length() > MAX_KEY_LENGTH) {
            return CompletableFuture.completedFuture(failed.apply(List.of(UserError.of(
                    UserErrorCode.BAD_USER_INPUT,
                    "The idempotency key must be 1 to " + MAX_KEY_LENGTH + " characters long.",
                    "input",
                    FIELD))));
        }
        Map<String, Object> rest = new LinkedHashMap<>(input);
        rest.remove(FIELD);
        String caller = RequestContext.of(env).caller().subject();
        String id = env.getField().getName() + '\u0000' + caller + '\u0000' + given;
        Entry fresh = new Entry(rest, new CompletableFuture<>());
        Entry first = entries.asMap().putIfAbsent(id, fresh);
        if (first != null) {
            if (!first.input().equals(rest)) {
                return CompletableFuture.completedFuture(failed.apply(List.of(UserError.of(
                        UserErrorCode.BAD_USER_INPUT,
                        "This idempotency key was used with another input: use a new key for a new change.",
                        "input",
                        FIELD))));
            }
            return (CompletableFuture<P>) (CompletableFuture<?>) first.outcome().thenApply(payload -> payload);
        }
        CompletableFuture<P> started;
        try {
            started = mutation.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.whenComplete((payload, error) -> {
            if (error != null || payload == null || !userErrors.apply(payload).isEmpty()) {
                entries.asMap().remove(id, fresh);
            }
            if (error != null) {
                fresh.outcome().completeExceptionally(error);
            } else {
                fresh.outcome().complete(payload);
            }
        });
    }

    /** {@code orgql.idempotency.*}: how long and how many payloads are kept for retries. */
    @ConfigurationProperties("orgql.idempotency")
    static class Settings {
        private Duration ttl = Duration.ofMinutes(10);
        private long maxEntries = 10_000;

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public long getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(long maxEntries) {
            this.maxEntries = maxEntries;
        }
    }
}
