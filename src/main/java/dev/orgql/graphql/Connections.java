package dev.orgql.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Relay cursor connections over offset-paged lists. A cursor is the opaque encoding of an item's
 * offset in the whole list; {@code after} continues right behind it.
 */
public final class Connections {
    public static final int DEFAULT_FIRST = 20;
    public static final int MAX_FIRST = 100;
    private static final String PREFIX = "offset:";

    private Connections() {}

    /** The requested window: where it starts and how many items it holds. */
    public record Window(int offset, int first) {}

    public static Window window(Integer first, String after) {
        return new Window(after == null ? 0 : decode(after) + 1, pageSize(first));
    }

    /**
     * The page size a {@code first} asks for, or {@code BAD_USER_INPUT} naming the allowed range. The
     * query limits call this for every connection field before the operation starts, so an
     * out-of-range page is refused before any call to Logto and the complexity is computed from the
     * page size actually served.
     */
    public static int pageSize(Integer first) {
        int size = first == null ? DEFAULT_FIRST : first;
        if (size < 1 || size > MAX_FIRST) {
            throw new GatewayException(
                    ErrorCode.BAD_USER_INPUT,
                    "`first` must be between 1 and " + MAX_FIRST + ", not " + size + ".",
                    Map.of("field", "first", "min", 1, "max", MAX_FIRST));
        }
        return size;
    }

    public static String cursor(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new GatewayException(
                ErrorCode.BAD_USER_INPUT, "`after` is not a cursor of this connection.", Map.of("field", "after"));
    }

    /** The SDL's {@code PageInfo}. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    /** An edge of every connection whose edge carries only the cursor and the node. */
    public record Edge<T>(String cursor, T node) {}

    /** A page of a connection, in the shape every connection type of the schema shares. */
    public record Connection<T>(List<Edge<T>> edges, List<T> nodes, PageInfo pageInfo, int totalCount) {
        /** The same page with every node turned into another (edges keep their cursors). */
        public <R> Connection<R> map(Function<T, R> mapper) {
            List<Edge<R>> mapped = edges.stream()
                    .map(edge -> new Edge<>(edge.cursor(), mapper.apply(edge.node())))
                    .toList();
            return new Connection<>(mapped, mapped.stream().map(Edge::node).toList(), pageInfo, totalCount);
        }
    }

    /** Builds a connection from the items of the window starting at {@code offset}. */
    public static <T> Connection<T> of(List<T> items, int offset, int totalCount) {
        List<Edge<T>> edges = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            edges.add(new Edge<>(cursor(offset + i), items.get(i)));
        }
        PageInfo pageInfo = new PageInfo(
                offset + items.size() < totalCount,
                offset > 0,
                items.isEmpty() ? null : cursor(offset),
                items.isEmpty() ? null : cursor(offset + items.size() - 1));
        return new Connection<>(edges, items, pageInfo, totalCount);
    }

    /** A window over a list the gateway holds whole (Logto does not page it). */
    public static <T> Connection<T> slice(List<T> all, Window window) {
        int from = Math.min(window.offset(), all.size());
        int to = Math.min(from + window.first(), all.size());
        return of(all.subList(from, to), from, all.size());
    }
}
