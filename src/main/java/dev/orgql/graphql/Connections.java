package dev.orgql.graphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Relay cursor connections over offset-paged lists. A cursor is opaque: it names an item's offset in
 * the whole list and the list it belongs to (a digest of the organization, filter and search), so a
 * cursor is refused anywhere else. {@code first}/{@code after} page forward; {@code last}/{@code before}
 * page backward from a cursor the client holds.
 */
public final class Connections {
    public static final int DEFAULT_FIRST = 20;
    public static final int MAX_FIRST = 100;
    private static final String VERSION = "c1";

    private Connections() {}

    /** The requested window: where it starts, how many items it holds, and the list it is of. */
    public record Window(int offset, int first, String list) {}

    /** The paging arguments every connection field takes. */
    public record Paging(Integer first, String after, Integer last, String before) {}

    /** The window {@code paging} asks for in the list named by {@code list} (see the other overload). */
    public static Window window(Paging paging, String list) {
        return window(paging.first(), paging.after(), paging.last(), paging.before(), list);
    }

    /**
     * The window the arguments ask for, in the list named by {@code list} (the same text for the same
     * organization, filter and search, e.g. {@code "members|<org>|<search>|<role>"}).
     */
    public static Window window(Integer first, String after, Integer last, String before, String list) {
        if (after != null && before != null) {
            throw new GatewayException(
                    ErrorCode.BAD_USER_INPUT,
                    "Use `after` (with `first`) or `before` (with `last`), not both.",
                    Map.of("field", "before"));
        }
        if (last != null || before != null) {
            if (before == null) {
                throw new GatewayException(
                        ErrorCode.BAD_USER_INPUT,
                        "`last` pages backward from `before`: pass the `startCursor` of the page you hold.",
                        Map.of("field", "before"));
            }
            int size = pageSize(last == null ? DEFAULT_FIRST : last, "last");
            int end = decode(before, list, "before");
            int offset = Math.max(0, end - size);
            return new Window(offset, end - offset, list);
        }
        return new Window(after == null ? 0 : decode(after, list, "after") + 1, pageSize(first), list);
    }

    /**
     * The page size a {@code first} asks for, or {@code BAD_USER_INPUT} naming the allowed range. The
     * query limits call this for every connection field before the operation starts, so an
     * out-of-range page is refused before any call to Logto and the complexity is computed from the
     * page size actually served.
     */
    public static int pageSize(Integer first) {
        return pageSize(first == null ? DEFAULT_FIRST : first, "first");
    }

    static int pageSize(int size, String field) {
        if (size < 1 || size > MAX_FIRST) {
            throw new GatewayException(
                    ErrorCode.BAD_USER_INPUT,
                    "`" + field + "` must be between 1 and " + MAX_FIRST + ", not " + size + ".",
                    Map.of("field", field, "min", 1, "max", MAX_FIRST));
        }
        return size;
    }

    public static String cursor(int offset, String list) {
        return cursorOfDigest(offset, digest(list));
    }

    private static String cursorOfDigest(int offset, String digest) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((VERSION + ":" + digest + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor, String list, String field) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length == 3 && parts[0].equals(VERSION)) {
                if (!parts[1].equals(digest(list))) {
                    throw new GatewayException(
                            ErrorCode.BAD_USER_INPUT,
                            "`" + field + "` is a cursor of another list: a cursor works only in the list it came"
                                    + " from (same organization, filter and search).",
                            Map.of("field", field));
                }
                int offset = Integer.parseInt(parts[2]);
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new GatewayException(
                ErrorCode.BAD_USER_INPUT,
                "`" + field + "` is not a cursor of this connection.",
                Map.of("field", field));
    }

    /** Twelve hex digits of the list's SHA-256: enough to tell lists apart, nothing to read back. */
    private static String digest(String list) {
        byte[] hash = SHA_256.get().digest(list.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 6);
    }

    /** One per thread: looking the algorithm up among the security providers costs more than the hash. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The SDL's {@code PageInfo}. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    /**
     * An edge of every connection whose edge carries only the cursor and the node. The cursor is made
     * when asked for: most pages are read as {@code nodes}, and a dashboard's 72 cursors were a
     * string, an encoding and a copy each for nothing.
     */
    public record Edge<T>(T node, int offset, String listDigest) {
        /** The SDL's {@code cursor}: this item's offset in its list. */
        public String cursor() {
            return cursorOfDigest(offset, listDigest);
        }
    }

    /** A page of a connection, in the shape every connection type of the schema shares. */
    public record Connection<T>(List<Edge<T>> edges, List<T> nodes, PageInfo pageInfo, int totalCount) {
        /** The same page with every node turned into another (edges keep their cursors). */
        public <R> Connection<R> map(Function<T, R> mapper) {
            List<Edge<R>> mapped = edges.stream()
                    .map(edge -> new Edge<>(mapper.apply(edge.node()), edge.offset(), edge.listDigest()))
                    .toList();
            return new Connection<>(mapped, mapped.stream().map(Edge::node).toList(), pageInfo, totalCount);
        }
    }

    /** Builds a connection from the items of the window starting at {@code offset} of the window's list. */
    public static <T> Connection<T> of(List<T> items, Window window, int offset, int totalCount) {
        // One digest of the list for all the page's cursors: hashing it per edge was a top cost of a page.
        String digest = digest(window.list());
        List<Edge<T>> edges = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            edges.add(new Edge<>(items.get(i), offset + i, digest));
        }
        PageInfo pageInfo = new PageInfo(
                offset + items.size() < totalCount,
                offset > 0,
                items.isEmpty() ? null : cursorOfDigest(offset, digest),
                items.isEmpty() ? null : cursorOfDigest(offset + items.size() - 1, digest));
        return new Connection<>(edges, items, pageInfo, totalCount);
    }

    /** A window over a list the gateway holds whole (Logto does not page it). */
    public static <T> Connection<T> slice(List<T> all, Window window) {
        int from = Math.min(window.offset(), all.size());
        int to = Math.min(from + window.first(), all.size());
        return of(all.subList(from, to), window, from, all.size());
    }
}
