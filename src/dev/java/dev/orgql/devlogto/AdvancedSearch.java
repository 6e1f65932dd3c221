package dev.orgql.devlogto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The query grammar of {@code GET /api/users} and {@code GET /api/applications} (Logto utils/search.ts,
 * management-api.md §1.7): {@code search}, {@code search.<field>}, {@code mode}, {@code mode.<field>},
 * {@code joint}/{@code jointMode}, {@code isCaseSensitive}. Turned into a row predicate instead of SQL.
 */
final class AdvancedSearch<T> {
    private final Map<String, Function<T, String>> fields; // snake_case name → column value

    AdvancedSearch(Map<String, Function<T, String>> fields) {
        this.fields = fields;
    }

    Predicate<T> parse(Request req) {
        Map<String, List<String>> values = new LinkedHashMap<>(); // "" = all fields
        Map<String, String> modes = new LinkedHashMap<>();
        String globalMode = "like";
        String joint = "or";
        boolean caseSensitive = false;
        for (var e : req.query) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.equals("search") || key.startsWith("search.")) {
                String field = key.equals("search") ? "" : field(key.substring("search.".length()));
                if (value.isEmpty()) throw ApiError.invalidSearch("Search value cannot be empty.");
                values.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
            } else if (key.equals("mode")) {
                globalMode = mode(value);
            } else if (key.startsWith("mode.")) {
                modes.put(field(key.substring("mode.".length())), mode(value));
            } else if (key.equals("joint") || key.equals("jointMode")) {
                if (!value.equals("and") && !value.equals("or")) {
                    throw ApiError.invalidSearch("Unknown joint mode `" + value + "`.");
                }
                joint = value;
            } else if (key.equals("isCaseSensitive")) {
                caseSensitive = value.equals("true");
            }
        }
        List<Predicate<T>> conditions = new ArrayList<>();
        for (var entry : values.entrySet()) {
            String field = entry.getKey();
            String mode = modes.getOrDefault(field, globalMode);
            List<String> vs = entry.getValue();
            if (!mode.equals("exact") && vs.size() > 1) {
                throw ApiError.invalidSearch("Only one search value is allowed when search mode is not `exact`.");
            }
            if (mode.equals("similar_to") && !caseSensitive) {
                throw ApiError.invalidSearch("Cannot use case-insensitive search for `similar_to` mode.");
            }
            List<Function<T, String>> columns =
                    field.isEmpty() ? List.copyOf(fields.values()) : List.of(fields.get(field));
            Predicate<String> matcher = matcher(mode, vs, caseSensitive);
            conditions.add(row -> columns.stream().map(c -> c.apply(row)).anyMatch(v -> v != null && matcher.test(v)));
        }
        if (conditions.isEmpty()) return row -> true;
        boolean and = joint.equals("and");
        return row -> and
                ? conditions.stream().allMatch(c -> c.test(row))
                : conditions.stream().anyMatch(c -> c.test(row));
    }

    private String field(String camel) {
        if (camel.contains(".")) throw ApiError.invalidSearch("Nested search field path is not supported.");
        String snake = camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        if (!fields.containsKey(snake)) throw ApiError.invalidSearch("Search field `" + camel + "` is not valid.");
        return snake;
    }

    private static String mode(String value) {
        return switch (value) {
            case "like", "exact", "similar_to", "posix" -> value;
            default -> throw ApiError.invalidSearch("Unknown search mode `" + value + "`.");
        };
    }

    private static Predicate<String> matcher(String mode, List<String> values, boolean caseSensitive) {
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        return switch (mode) {
            case "exact" -> v -> values.stream().anyMatch(x -> caseSensitive ? x.equals(v) : x.equalsIgnoreCase(v));
            case "like" ->
                Pattern.compile(likeToRegex(values.get(0)), flags | Pattern.DOTALL)
                        .asMatchPredicate();
            case "similar_to" ->
                Pattern.compile(values.get(0).replace("%", ".*").replace("_", "."), flags)
                        .asMatchPredicate();
            default -> Pattern.compile(values.get(0), flags).asPredicate();
        };
    }

    /**
     * PostgreSQL LIKE/ILIKE with its default escape character: '%' any run, '_' one character, a backslash makes
     * the next character literal ({@code \%}, {@code \_}, {@code \\}; before any other character it is simply
     * dropped), everything else literal. Values are not wrapped in '%' here. A pattern ending in a lone backslash
     * is an SQL error in Postgres ("LIKE pattern must not end with escape character"), which Logto answers as 500.
     */
    static String likeToRegex(String like) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\') {
                if (i + 1 == like.length()) throw ApiError.internal();
                sb.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                sb.append(".*");
            } else if (c == '_') {
                sb.append('.');
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
