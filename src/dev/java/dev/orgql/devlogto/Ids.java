package dev.orgql.devlogto;

import java.util.Random;

/** Logto-style ids (nanoid, alphabet 0-9a-z) from a seeded generator, so a fresh stand-in is reproducible. */
final class Ids {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String JTI_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";
    private final Random random;

    Ids(long seed) {
        this.random = new Random(seed);
    }

    /** Organizations and users. */
    String shortId() {
        return next(12, ALPHABET);
    }

    /** Roles, scopes, invitations, applications. */
    String standardId() {
        return next(21, ALPHABET);
    }

    String jti() {
        return next(21, JTI_ALPHABET);
    }

    private synchronized String next(int length, String alphabet) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }
}
