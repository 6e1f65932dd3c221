package dev.orgql.logto;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** No second level: the bean in use unless a shared store (Redis) is configured. */
@Singleton
@Secondary
final class NoSharedReadStore implements SharedReadStore {
    static final NoSharedReadStore INSTANCE = new NoSharedReadStore();

    @Override
    public CompletableFuture<Optional<StoredRead>> get(String key) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public void put(String key, StoredRead read, Duration ttl, Set<String> tags) {}

    @Override
    public void evict(Set<String> tags) {}

    @Override
    public boolean enabled() {
        return false;
    }
}
