package dev.orgql.logto;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A second-level store of Management API read answers that every replica shares (Redis, when it is
 * configured). The gateway's own short caches ask it on a miss before calling Logto, and file what Logto
 * answered under tags (for example an organization id) so that an invalidation on any replica drops it
 * everywhere. Without a shared store, {@link #none()} answers nothing and keeps nothing: one replica
 * behaves as if there were no second level.
 */
public interface SharedReadStore {
    /**
     * The stored answer of exactly this read (its method, path and query), or empty. Never fails: a store
     * that cannot be reached reads as empty, so Logto is asked instead.
     */
    CompletableFuture<Optional<StoredRead>> get(String key);

    /** Keeps an answer for at most {@code ttl}, filed under the tags whose invalidation drops it. Fire-and-forget. */
    void put(String key, StoredRead read, Duration ttl, Set<String> tags);

    /** Drops every answer filed under any of these tags. Fire-and-forget. */
    void evict(Set<String> tags);

    /** Whether answers are shared at all (false for {@link #none()}), so callers can skip building keys. */
    default boolean enabled() {
        return true;
    }

    /** A successful answer as Logto gave it: status, raw body and the paging total. */
    record StoredRead(int status, byte[] body, Integer totalNumber) {}

    /** The store of a gateway without Redis. */
    static SharedReadStore none() {
        return NoSharedReadStore.INSTANCE;
    }
}
