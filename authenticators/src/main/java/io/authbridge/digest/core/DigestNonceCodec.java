package io.authbridge.digest.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless Digest nonces that every cluster node can check with the realm's key, no shared store needed:
 * {@code base64url(issued-at millis (8 bytes) || random (16 bytes) || HMAC-SHA256(K, issued-at || random || binding))},
 * unpadded, 75 characters, where K is derived from the caller's key for this purpose only.
 * <p>
 * The binding (e.g. the digest realm string and the Keycloak realm id) is signed but not sent, so a nonce issued for
 * one realm is worthless in another. Single use of a nonce count is not this class's job: the caller records
 * (nonce, nc) pairs in a cluster-wide store.
 * <p>
 * The opaque value is derived from the binding too, so it is stable across nodes and restarts and needs no storage;
 * it carries no security, RFC 7616 §3.3 only asks that clients return it unchanged.
 */
public final class DigestNonceCodec {

    /** The answer to a nonce the client sent back. */
    public enum Validity {
        VALID,
        /** Issued by us, but older than the lifetime: answer with a fresh nonce and {@code stale=true} (RFC 7616 §3.3). */
        STALE,
        /** Not ours, altered, for another binding, or dated in the future. */
        INVALID
    }

    public static final int MIN_KEY_LENGTH = 16;

    /** How far in the future an issue time may lie, for cluster nodes whose clocks differ slightly. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(10);

    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int TIME_LENGTH = 8;
    private static final int RANDOM_LENGTH = 16;
    private static final int MAC_LENGTH = 32;
    private static final int NONCE_LENGTH = TIME_LENGTH + RANDOM_LENGTH + MAC_LENGTH;
    private static final int OPAQUE_LENGTH = 18;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ENCODED_NONCE_LENGTH = ENCODER.encodeToString(new byte[NONCE_LENGTH]).length();

    private final SecretKeySpec nonceKey;
    private final SecretKeySpec opaqueKey;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param key      the realm's HMAC key material, at least {@value #MIN_KEY_LENGTH} bytes
     * @param lifetime how long a nonce is VALID; afterwards it is STALE
     * @param clock    the time source, {@link Clock#systemUTC()} outside tests
     */
    public DigestNonceCodec(byte[] key, Duration lifetime, Clock clock) {
        if (key == null || key.length < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("the nonce key must have at least " + MIN_KEY_LENGTH + " bytes");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the nonce lifetime must be positive");
        }
        // The realm key also signs Keycloak's own tokens: derive one key per purpose (like HKDF-Expand with an
        // info label), so that nothing computed here is a MAC under the key another feature relies on.
        SecretKeySpec realmKey = new SecretKeySpec(key, MAC_ALGORITHM);
        this.nonceKey = derive(realmKey, "AuthBridge HTTP Digest nonce v1");
        this.opaqueKey = derive(realmKey, "AuthBridge HTTP Digest opaque v1");
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A fresh nonce bound to {@code binding}. */
    public String issue(String binding) {
        byte[] nonce = new byte[NONCE_LENGTH];
        ByteBuffer.wrap(nonce).putLong(clock.millis());
        byte[] random = new byte[RANDOM_LENGTH];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, nonce, TIME_LENGTH, RANDOM_LENGTH);
        byte[] mac = mac(nonce, binding);
        System.arraycopy(mac, 0, nonce, TIME_LENGTH + RANDOM_LENGTH, MAC_LENGTH);
        return ENCODER.encodeToString(nonce);
    }

    /**
     * Checks a nonce the client sent back. Any string is accepted as input; whatever is not a nonce we issued for
     * this binding under this key is {@link Validity#INVALID}.
     */
    public Validity validate(String nonce, String binding) {
        Objects.requireNonNull(binding, "binding");
        byte[] decoded = decode(nonce);
        if (decoded == null) {
            return Validity.INVALID;
        }
        byte[] expectedMac = mac(decoded, binding);
        byte[] receivedMac = Arrays.copyOfRange(decoded, TIME_LENGTH + RANDOM_LENGTH, NONCE_LENGTH);
        if (!MessageDigest.isEqual(expectedMac, receivedMac)) {
            return Validity.INVALID;
        }
        long issuedAt = ByteBuffer.wrap(decoded).getLong();
        long now = clock.millis();
        if (issuedAt - now > MAX_CLOCK_SKEW.toMillis()) {
            return Validity.INVALID;
        }
        return now - issuedAt > lifetime.toMillis() ? Validity.STALE : Validity.VALID;
    }

    /** The {@code opaque} value for challenges with this binding: the same on every node, for as long as the key. */
    public String opaque(String binding) {
        Objects.requireNonNull(binding, "binding");
        return ENCODER.encodeToString(Arrays.copyOf(hmac(opaqueKey, binding), OPAQUE_LENGTH));
    }

    /** The decoded nonce, or null unless the text is the canonical unpadded base64url of exactly a nonce's bytes. */
    private static byte[] decode(String nonce) {
        if (nonce == null || nonce.length() != ENCODED_NONCE_LENGTH) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = DECODER.decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // The decoder ignores the unused low bits of the last character; re-encoding refuses the variants that
        // would let one nonce be written several ways (and so slip past a replay check keyed on the text).
        if (decoded.length != NONCE_LENGTH || !ENCODER.encodeToString(decoded).equals(nonce)) {
            return null;
        }
        return decoded;
    }

    private byte[] mac(byte[] nonce, String binding) {
        Mac mac = newMac(nonceKey);
        mac.update(nonce, 0, TIME_LENGTH + RANDOM_LENGTH);
        mac.update(binding.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal();
    }

    private static SecretKeySpec derive(SecretKeySpec realmKey, String purpose) {
        return new SecretKeySpec(hmac(realmKey, purpose), MAC_ALGORITHM);
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        return newMac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256 is in every Java runtime and takes keys of any length.
            throw new IllegalStateException(MAC_ALGORITHM + " is not available", e);
        }
    }
}
