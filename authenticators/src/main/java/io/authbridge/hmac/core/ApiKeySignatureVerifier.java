package io.authbridge.hmac.core;

import java.util.List;
import java.util.Optional;

import io.authbridge.common.core.SecretMatcher;

/**
 * Checks an API-key signature against every message it may cover and every secret the client may use right now
 * ({@link SecretMatcher}: current, and rotated during the grace period).
 * <p>
 * All combinations are computed and compared in constant time, so that the time taken says nothing about which
 * message form matched, whether the client has a rotated secret, or whether it exists at all.
 */
public final class ApiKeySignatureVerifier {

    private ApiKeySignatureVerifier() {
    }

    /**
     * @param signature     the 32 signature bytes the client sent
     * @param messages      the messages the signature may cover (at least one)
     * @param currentSecret the client's current secret; null when it has none or it has expired
     * @param rotatedSecret the rotated secret; null when there is none or its grace period is over
     * @return the secret that produced the signature; empty when none did
     */
    public static Optional<SecretMatcher.Slot> verify(byte[] signature, List<byte[]> messages, String currentSecret, String rotatedSecret) {
        return SecretMatcher.match(currentSecret, rotatedSecret, secret -> matchesAny(signature, messages, secret));
    }

    private static boolean matchesAny(byte[] signature, List<byte[]> messages, String secret) {
        boolean matched = false;
        for (byte[] message : messages) {
            // No early exit: every candidate costs the same whether or not an earlier one matched.
            matched |= HmacSha256.matches(HmacSha256.sign(secret, message), signature);
        }
        return matched;
    }
}
