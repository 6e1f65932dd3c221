package dev.orgql.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logto's {@code logto-signature-sha-256}: the lowercase hex HMAC-SHA256 of the raw body, keyed with the
 * hook's signing key as UTF-8 text (recorded/webhooks/README.md, "Signature": all 91 recorded deliveries
 * per server match this, and no other reading). Compared in constant time, against each configured key.
 */
final class WebhookSignature {
    private static final String HMAC = "HmacSHA256";
    private static final int SHA256_HEX_LENGTH = 64;

    private WebhookSignature() {}

    static boolean valid(byte[] body, String header, List<String> keys) {
        if (header == null || header.length() != SHA256_HEX_LENGTH) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        boolean match = false;
        for (String key : keys) {
            // Every key is tried, match or not, so the time taken says nothing about which one matched.
            match |= MessageDigest.isEqual(hmac(key, body), given);
        }
        return match;
    }

    static String sign(String key, byte[] body) {
        return HexFormat.of().formatHex(hmac(key, body));
    }

    private static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
