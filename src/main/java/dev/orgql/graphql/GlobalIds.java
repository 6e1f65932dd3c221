package dev.orgql.graphql;

import dev.orgql.logto.LogtoPath;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The opaque ids of the schema's {@code Node} types: base64url (no padding) of a versioned text
 * {@code v1:<Type>:<part>[:<part>]}, each part percent-encoded. The same object always gets the same
 * id, and two objects never share one: a {@code Member} is its organization and its user, a {@code Bot}
 * its organization and its application, every other type wraps its one Logto id.
 *
 * <p>Decoding is strict, because a decoded part goes to Logto: the text must be exactly what
 * {@link #encode} makes of it (one spelling per object), the type known, the number of parts right and
 * each part a valid Logto id ({@link LogtoPath#checkId}). Anything else is {@link
 * LogtoPath.InvalidInputException} ({@code BAD_USER_INPUT}), before any call.
 *
 * <p>Every global id starts with {@link #PREFIX} (the encoding of {@code v1:}); Logto's own ids are
 * lower-case letters and digits, so a value with that prefix is read as a global id and anything else
 * as a raw Logto id.
 */
public final class GlobalIds {
    /** The base64url encoding of {@code v1:}: the start of every global id. */
    public static final String PREFIX = "djE6";

    /** Longer than the longest id {@link #encode} can make of valid parts (two 128-character ids). */
    public static final int MAX_LENGTH = 400;

    private static final String VERSION = "v1";

    /** The {@code Node} types and how many Logto ids make up each one's id. */
    public static final Map<String, Integer> PARTS = Map.of(
            "Organization", 1,
            "Member", 2,
            "Bot", 2,
            "User", 1,
            "Role", 1,
            "Scope", 1,
            "Invitation", 1);

    private GlobalIds() {}

    /** A decoded id: its type and its Logto ids (the organization first, for a member or a bot). */
    public record Decoded(String type, List<String> parts) {
        public Decoded {
            parts = List.copyOf(parts);
        }

        /** The object's own Logto id: the user of a member, the application of a bot. */
        public String last() {
            return parts.get(parts.size() - 1);
        }
    }

    public static String encode(String type, List<String> parts) {
        Integer count = PARTS.get(type);
        if (count == null || count != parts.size()) {
            throw new IllegalArgumentException("No global id of " + type + " has " + parts.size() + " parts");
        }
        StringBuilder text = new StringBuilder(VERSION).append(':').append(type);
        for (String part : parts) {
            text.append(':').append(URLEncoder.encode(part, StandardCharsets.UTF_8));
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(String type, String... parts) {
        return encode(type, List.of(parts));
    }

    /** Whether the value is meant as a global id (it may still be malformed). */
    public static boolean looksGlobal(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * @param name the argument's path, for the error
     * @throws LogtoPath.InvalidInputException unless the value is a well-formed global id of a known type
     */
    public static Decoded decode(String name, String value) {
        if (value == null || !looksGlobal(value)) {
            throw invalid(name, "is not a global id (the `id` of a `Node`)");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid(name, "is not a valid global id: at most " + MAX_LENGTH + " characters");
        }
        String text;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(value);
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid(name, "is not a valid global id");
        }
        String[] fields = text.split(":", -1);
        if (fields.length < 3 || !VERSION.equals(fields[0])) {
            throw invalid(name, "is not a valid global id");
        }
        String type = fields[1];
        Integer count = PARTS.get(type);
        if (count == null || count != fields.length - 2) {
            throw invalid(name, "is not a valid global id");
        }
        List<String> parts = new ArrayList<>(count);
        for (int i = 2; i < fields.length; i++) {
            String part;
            try {
                part = URLDecoder.decode(fields[i], StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid(name, "is not a valid global id");
            }
            try {
                LogtoPath.checkId(name, part);
            } catch (LogtoPath.InvalidInputException e) {
                throw invalid(name, "is not a valid global id: it holds no valid Logto id");
            }
            parts.add(part);
        }
        if (!encode(type, parts).equals(value)) {
            // Another spelling of the same object (padding, `+` for a space, needless escapes): refused,
            // so an object has exactly one id.
            throw invalid(name, "is not a valid global id");
        }
        return new Decoded(type, parts);
    }

    /**
     * The Logto id an argument means: a raw Logto id as given, or the own id of a global id of one of
     * {@code types} (the user of a {@code Member}, the application of a {@code Bot}).
     */
    public static Decoded accept(String name, String value, Set<String> types) {
        if (!looksGlobal(value)) {
            LogtoPath.checkId(name, value);
            return null;
        }
        Decoded decoded = decode(name, value);
        if (!types.contains(decoded.type())) {
            throw invalid(
                    name,
                    "is the id of a " + decoded.type() + ", not of "
                            + String.join(" or ", types.stream().sorted().toList()));
        }
        return decoded;
    }

    private static LogtoPath.InvalidInputException invalid(String name, String problem) {
        return new LogtoPath.InvalidInputException(name, problem);
    }
}
