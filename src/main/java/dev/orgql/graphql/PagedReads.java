package dev.orgql.graphql;

import dev.orgql.logto.LogtoModels.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** Maps a connection window onto Logto's {@code page}/{@code page_size} paging. */
public final class PagedReads {
    private PagedReads() {}

    /**
     * One call when the window is aligned with pages of its own size (always the case when a client
     * pages with the cursors it got and the same {@code first}), otherwise the two pages around it.
     *
     * @param fetchPage (page from 1, page size) to one page of Logto's list
     */
    public static <T> CompletableFuture<Connections.Connection<T>> window(
            Connections.Window window, BiFunction<Integer, Integer, CompletableFuture<Page<T>>> fetchPage) {
        int size = window.first();
        if (size == 0) {
            // Paging backward from the first item: nothing before it, but the total is still asked.
            return fetchPage.apply(1, 1).thenApply(p -> Connections.of(List.<T>of(), window, 0, p.totalCount()));
        }
        int page = window.offset() / size + 1;
        int skip = window.offset() % size;
        if (skip == 0) {
            return fetchPage
                    .apply(page, size)
                    .thenApply(p -> Connections.of(p.items(), window, window.offset(), p.totalCount()));
        }
        return fetchPage.apply(page, size).thenCompose(first -> {
            if (first.items().size() < size || window.offset() + size - skip >= first.totalCount()) {
                List<T> items = first.items()
                        .subList(
                                Math.min(skip, first.items().size()),
                                first.items().size());
                return CompletableFuture.completedFuture(
                        Connections.of(items, window, window.offset(), first.totalCount()));
            }
            return fetchPage.apply(page + 1, size).thenApply(second -> {
                List<T> all = new ArrayList<>(first.items());
                all.addAll(second.items());
                List<T> items = all.subList(skip, Math.min(all.size(), skip + size));
                return Connections.of(items, window, window.offset(), second.totalCount());
            });
        });
    }
}
