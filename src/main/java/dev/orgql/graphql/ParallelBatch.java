package dev.orgql.graphql;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dataloader.BatchLoader;
import org.dataloader.Try;

/**
 * For reads Logto offers no batch route for: a batch of one call per distinct key, all in flight at
 * once, where a failure (such as a 404) fails only its own key.
 */
public final class ParallelBatch {
    private ParallelBatch() {}

    public static <K, V> BatchLoader<K, Try<V>> of(Function<K, CompletableFuture<V>> call) {
        return keys -> {
            List<CompletableFuture<Try<V>>> calls = keys.stream()
                    .map(key -> call.apply(key).thenApply(Try::succeeded).exceptionally(Try::failed))
                    .toList();
            return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                    .thenApply(
                            done -> calls.stream().map(CompletableFuture::join).toList());
        };
    }
}
