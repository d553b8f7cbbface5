package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and SHA-256 as the API-key wire format uses them: UTF-8 text in, 64 hex digits out. */
public final class HmacSha256 {

    /** Length of a signature in hex digits. */
    public static final int HEX_LENGTH = 64;

    private static final HexFormat HEX = HexFormat.of();

    private HmacSha256() {
    }

    /** HMAC-SHA256(key = UTF-8 of {@code secret}, message). */
    public static byte[] sign(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty secret is not a valid HMAC key for the JCA; it can only come from a placeholder path.
            byte[] key = secret.isEmpty() ? new byte[1] : secret.getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    public static String signHex(String secret, String message) {
        return HEX.formatHex(sign(secret, message.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The 32 bytes of a signature given as 64 hex digits in either case, or null when it is anything else (so that
     * the caller can answer 400 rather than compare garbage).
     */
    public static byte[] parseHex(String hex) {
        if (hex == null || hex.length() != HEX_LENGTH) {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0 || hex.charAt(i) > 'f') {
                return null; // Character.digit also accepts non-ASCII digits
            }
        }
        return HEX.parseHex(hex);
    }

    /** Constant-time comparison: the time taken does not depend on where the first differing byte is. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
