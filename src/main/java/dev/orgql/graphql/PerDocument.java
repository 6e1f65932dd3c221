package dev.orgql.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a request's document, operation and variables alone decide (its complexity, the check of the
 * arguments inside its selections), kept so that a client repeating a query does not pay for walking
 * it again: per parsed document ({@link DocumentCache} hands out one {@code Document} per query text),
 * weakly, so it goes when the document leaves that cache, with a few variable sets each.
 *
 * <p>Only requests whose variables are a few short scalars are kept: a mutation's input, or a client
 * sending a different large value each time, is computed every time and never grows the map.
 */
final class PerDocument<V> {
    /** Variable sets per document kept: a client varying them (ids, page sizes) reuses a few at most. */
    private static final int PER_DOCUMENT = 16;

    private final Cache<Document, Map<Key, V>> byDocument =
            Caffeine.newBuilder().weakKeys().maximumSize(2_000).build();

    /** What besides the document the value depends on; {@code part} tells apart values of one request. */
    private record Key(String operationName, Map<String, Object> variables, Object part) {}

    /** The kept value, or {@code compute}'s (kept when there is room); {@code compute} must not return null. */
    V get(Document document, String operationName, Map<String, Object> variables, Object part, Supplier<V> compute) {
        if (!smallScalars(variables)) {
            return compute.get();
        }
        Map<Key, V> byVariables = byDocument.get(document, d -> new ConcurrentHashMap<>());
        Key key = new Key(operationName, new HashMap<>(variables), part);
        V known = byVariables.get(key);
        if (known != null) {
            return known;
        }
        V computed = compute.get();
        if (byVariables.size() < PER_DOCUMENT) {
            byVariables.put(key, computed);
        }
        return computed;
    }

    private static boolean smallScalars(Map<String, Object> variables) {
        if (variables.size() > 8) {
            return false;
        }
        for (Object value : variables.values()) {
            boolean small = value == null
                    || value instanceof Number
                    || value instanceof Boolean
                    || (value instanceof String text && text.length() <= 128);
            if (!small) {
                return false;
            }
        }
        return true;
    }
}
