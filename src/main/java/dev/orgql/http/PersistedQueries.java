package dev.orgql.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves a request's document from {@code extensions.persistedQuery} ({@code {"version": 1,
 * "sha256Hash": "<hex>"}}, Apollo's protocol, which Apollo Client's persisted-queries link, urql and
 * graphql-codegen's persisted documents speak) as {@link PersistedQueriesConfig} says. A hash names its
 * document's SHA-256 over the UTF-8 text, so a document is stored only once its hash has been checked.
 */
@Singleton
public class PersistedQueries {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final PersistedQueriesConfig config;
    private final Cache<String, String> automatic;
    private final Map<String, String> allowed;

    PersistedQueries(PersistedQueriesConfig config) {
        this.config = config;
        this.automatic = Caffeine.newBuilder()
                .maximumWeight(config.getMaxCharacters())
                .weigher((String hash, String document) -> hash.length() + document.length())
                .build();
        this.allowed = config.getManifest() == null ? Map.of() : load(Path.of(config.getManifest()));
        if (config.getMode() == PersistedQueriesConfig.Mode.ALLOW_LIST && allowed.isEmpty()) {
            throw new ConfigurationException(
                    "orgql.persisted-queries.mode is allow-list, but no operation is registered:"
                            + " set ORGQL_PERSISTED_QUERIES_MANIFEST to a manifest of the frontend's operations");
        }
    }

    /** The refusal of a request's document, as a GraphQL error code and message. */
    public static final class Refusal extends RuntimeException {
        private final String code;

        Refusal(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * The document to run: {@code query} itself, or the one its hash names.
     *
     * @throws Refusal {@code PERSISTED_QUERY_NOT_FOUND} (send the document with its hash),
     *     {@code PERSISTED_QUERY_NOT_SUPPORTED}, {@code PERSISTED_QUERY_NOT_ALLOWED} (allow-list mode) or
     *     {@code BAD_USER_INPUT} (a malformed extension, a hash that is not the document's)
     */
    public String resolve(String query, Map<String, Object> extensions) {
        String hash = hash(extensions);
        switch (config.getMode()) {
            case OFF:
                if (hash != null && query == null) {
                    throw new Refusal("PERSISTED_QUERY_NOT_SUPPORTED", "PersistedQueryNotSupported");
                }
                return query;
            case ALLOW_LIST:
                if (hash == null) {
                    hash = query == null ? null : sha256(query);
                }
                String registered = hash == null ? null : allowed.get(hash);
                if (registered == null || (query != null && !registered.equals(query))) {
                    throw new Refusal(
                            "PERSISTED_QUERY_NOT_ALLOWED",
                            "Only the registered operations run here (allow-list mode); this one is not registered.");
                }
                return registered;
            default:
                if (hash == null) {
                    return query;
                }
                if (query == null) {
                    String known = allowed.getOrDefault(hash, automatic.getIfPresent(hash));
                    if (known == null) {
                        // The client sends the document with its hash next; Apollo's links look for this message.
                        throw new Refusal("PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
                    }
                    return known;
                }
                if (!sha256(query).equals(hash)) {
                    throw new Refusal(
                            "BAD_USER_INPUT",
                            "`extensions.persistedQuery.sha256Hash` is not the SHA-256 of the query.");
                }
                automatic.put(hash, query);
                return query;
        }
    }

    /** The lower-case hash of {@code extensions.persistedQuery}, null without one. */
    private static String hash(Map<String, Object> extensions) {
        if (extensions == null || !extensions.containsKey("persistedQuery")) {
            return null;
        }
        if (!(extensions.get("persistedQuery") instanceof Map<?, ?> persisted)) {
            throw new Refusal("BAD_USER_INPUT", "`extensions.persistedQuery` must be an object.");
        }
        Object version = persisted.get("version");
        if (!(version instanceof Number n) || n.intValue() != 1) {
            throw new Refusal("BAD_USER_INPUT", "`extensions.persistedQuery.version` must be 1.");
        }
        if (!(persisted.get("sha256Hash") instanceof String hash)
                || !SHA256.matcher(hash).matches()) {
            throw new Refusal(
                    "BAD_USER_INPUT", "`extensions.persistedQuery.sha256Hash` must be 64 hexadecimal digits.");
        }
        return hash.toLowerCase(Locale.ROOT);
    }

    static String sha256(String document) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A manifest: graphql-codegen's persisted documents ({@code {"<sha256>": "<document>"}}) or Apollo's
     * ({@code {"format": "apollo-persisted-query-manifest", "operations": [{"id", "body"}, ...]}}). Every
     * hash is checked against its document, so a wrong manifest stops the start, not a request.
     */
    static Map<String, String> load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigurationException(
                    "Cannot read the persisted-queries manifest " + file + ": " + e.getMessage());
        }
        Map<String, String> documents = new HashMap<>();
        if (root != null && root.has("operations") && root.get("operations").isArray()) {
            for (JsonNode operation : root.get("operations")) {
                add(
                        documents,
                        file,
                        operation.path("id").asText(null),
                        operation.path("body").asText(null));
            }
        } else if (root != null && root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                add(documents, file, entry.getKey(), entry.getValue().asText(null));
            }
        }
        return Map.copyOf(documents);
    }

    private static void add(Map<String, String> documents, Path file, String hash, String document) {
        if (hash == null || document == null || !SHA256.matcher(hash).matches()) {
            throw new ConfigurationException("The persisted-queries manifest " + file
                    + " holds an entry that is not a SHA-256 hash with its document");
        }
        if (!sha256(document).equals(hash.toLowerCase(Locale.ROOT))) {
            throw new ConfigurationException("The persisted-queries manifest " + file + " lists " + hash
                    + " for a document whose SHA-256 is another");
        }
        documents.put(hash.toLowerCase(Locale.ROOT), document);
    }
}
