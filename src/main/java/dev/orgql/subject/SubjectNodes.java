package dev.orgql.subject;

import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.dataloader.BatchLoader;

/**
 * Members and bots refetched by id ({@code Query.node}, {@code Query.nodes}), a whole batch at a time:
 * per organization, the first page of its list (which embeds the roles: for an organization of up to
 * 100 members or bots that is the only call), and for the ids not on it, one look-up of them all and one
 * of those among them outside the organization. A subject found on neither is no member (or bot) there.
 */
public final class SubjectNodes {
    private SubjectNodes() {}

    /** A subject of one organization. */
    public record Key(String organizationId, String id) {}

    /**
     * @param <R> Logto's subject (user or application)
     * @param <V> the GraphQL object
     */
    public interface Reads<R, V> {
        CompletableFuture<LogtoModels.Page<R>> firstPage(String organizationId);

        CompletableFuture<List<R>> byIds(List<String> ids);

        CompletableFuture<List<R>> outside(String organizationId, List<String> ids);

        String idOf(R subject);

        /** @param embedded whether the subject came from the list (its roles embedded), else roles are unknown */
        V build(String organizationId, R subject, boolean embedded);
    }

    public static <R, V> BatchLoader<Key, V> loader(Reads<R, V> reads) {
        return keys -> {
            Map<String, List<String>> byOrganization = new LinkedHashMap<>();
            for (Key key : keys) {
                List<String> ids = byOrganization.computeIfAbsent(key.organizationId(), o -> new ArrayList<>());
                if (!ids.contains(key.id())) {
                    ids.add(key.id());
                }
            }
            Map<Key, V> found = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> started = new ArrayList<>();
            byOrganization.forEach((organizationId, ids) -> started.add(in(reads, organizationId, ids)
                    .thenAccept(
                            values -> values.forEach((id, value) -> found.put(new Key(organizationId, id), value)))));
            return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                    .thenApply(done -> keys.stream().map(found::get).toList());
        };
    }

    private static <R, V> CompletableFuture<Map<String, V>> in(
            Reads<R, V> reads, String organizationId, List<String> ids) {
        return reads.firstPage(organizationId).thenCompose(page -> {
            Map<String, V> values = new HashMap<>();
            for (R subject : page.items()) {
                if (ids.contains(reads.idOf(subject))) {
                    values.put(reads.idOf(subject), reads.build(organizationId, subject, true));
                }
            }
            List<String> rest =
                    ids.stream().filter(id -> !values.containsKey(id)).toList();
            if (rest.isEmpty() || page.totalCount() <= page.items().size()) {
                return CompletableFuture.completedFuture(values);
            }
            return lookUp(reads, organizationId, rest, values);
        });
    }

    private static <R, V> CompletableFuture<Map<String, V>> lookUp(
            Reads<R, V> reads, String organizationId, List<String> rest, Map<String, V> values) {
        List<CompletableFuture<Void>> chunks = new ArrayList<>();
        for (int from = 0; from < rest.size(); from += LogtoClient.MAX_PAGE_SIZE) {
            List<String> chunk = rest.subList(from, Math.min(rest.size(), from + LogtoClient.MAX_PAGE_SIZE));
            chunks.add(reads.byIds(chunk).thenCombine(reads.outside(organizationId, chunk), (subjects, outsiders) -> {
                Set<String> out = new HashSet<>();
                outsiders.forEach(o -> out.add(reads.idOf(o)));
                synchronized (values) {
                    for (R subject : subjects) {
                        String id = reads.idOf(subject);
                        if (chunk.contains(id) && !out.contains(id)) {
                            values.put(id, reads.build(organizationId, subject, false));
                        }
                    }
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(done -> values);
    }
}
