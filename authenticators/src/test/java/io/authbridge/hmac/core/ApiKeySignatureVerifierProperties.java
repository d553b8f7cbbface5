package io.authbridge.hmac.core;

import java.util.List;
import java.util.Optional;

import io.authbridge.common.core.SecretMatcher;
import io.authbridge.common.core.SecretMatcher.Slot;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApiKeySignatureVerifier}: a signature verifies, with the slot of its secret, only for its own message: one
 * byte of the signature, body, secret or timestamp changed and it fails.
 */
class ApiKeySignatureVerifierProperties {

    /** A client's secrets, a request, and which candidate message and which secret the partner signed. */
    private record Signed(String current, String rotated, String body, String timestamp, int candidate, boolean withRotated,
                          int flip) {

        List<byte[]> candidates() {
            return LegacySignedMessages.candidates(body, timestamp);
        }

        String signingSecret() {
            return withRotated ? rotated : current;
        }

        byte[] signature() {
            List<byte[]> candidates = candidates();
            return HmacSha256.sign(signingSecret(), candidates.get(candidate % candidates.size()));
        }

        Optional<Slot> verify(byte[] signature, List<byte[]> messages, String current, String rotated) {
            return ApiKeySignatureVerifier.verify(signature, messages, current, rotated);
        }
    }

    private static final Gen<Signed> SIGNED = random -> {
        boolean withRotated = random.nextInt(3) == 0;
        String current = HmacGenerators.SECRET.orNull(withRotated ? 30 : 0).next(random);
        String rotated = withRotated ? HmacGenerators.SECRET.next(random) : HmacGenerators.SECRET.orNull(50).next(random);
        String body = HmacGenerators.JSON.map(HmacGenerators.Json::spaced).orNull(40).next(random);
        return new Signed(current, rotated, body, HmacGenerators.TIMESTAMP.next(random), random.nextInt(3), withRotated,
                random.nextInt(Integer.MAX_VALUE));
    };

    @Test
    void verifiesWithTheSlotOfItsSecret() {
        forAll(SIGNED, s -> {
            Slot expected = !s.withRotated() || s.rotated().equals(s.current()) ? Slot.CURRENT : Slot.ROTATED;
            assertThat(s.verify(s.signature(), s.candidates(), s.current(), s.rotated())).contains(expected);
        });
    }

    @Test
    void oneChangedByteOfTheSignatureFails() {
        forAll(SIGNED, s -> {
            byte[] signature = s.signature();
            signature[s.flip() % signature.length] ^= (byte) (1 << (s.flip() % 8));
            assertThat(s.verify(signature, s.candidates(), s.current(), s.rotated())).isEmpty();
        });
    }

    @Test
    void anotherTimestampOrBodyFails() {
        forAll(SIGNED, s -> {
            String otherTimestamp = String.valueOf(Long.parseLong(s.timestamp()) ^ (1L << (s.flip() % 40)));
            List<byte[]> candidates = s.candidates();
            boolean signedTheBody = s.body() != null && s.candidate() % candidates.size() == 0;
            // The body form does not depend on the timestamp header; the timestamp forms do not depend on the body.
            List<byte[]> otherRequest = signedTheBody
                    ? LegacySignedMessages.candidates(s.body() + "0", s.timestamp())
                    : LegacySignedMessages.candidates(s.body(), otherTimestamp);
            assertThat(s.verify(s.signature(), otherRequest, s.current(), s.rotated())).isEmpty();
        });
    }

    @Test
    void anotherSecretFails() {
        forAll(SIGNED, s -> {
            String other = s.signingSecret() + (char) ('!' + s.flip() % 90);
            String otherRotated = s.withRotated() ? other : s.rotated();
            String otherCurrent = s.withRotated() ? s.current() : other;
            if (!s.signingSecret().equals(s.withRotated() ? otherCurrent : otherRotated)) {
                assertThat(s.verify(s.signature(), s.candidates(), otherCurrent, otherRotated)).isEmpty();
            }
        });
    }

    /** A client without secrets never verifies, even a signature made with the placeholder that stands in for them. */
    @Test
    void aSignatureMadeWithThePlaceholderNeverCounts() {
        forAll(SIGNED, s -> {
            List<byte[]> candidates = s.candidates();
            byte[] signature = HmacSha256.sign(SecretMatcher.PLACEHOLDER_SECRET, candidates.get(s.candidate() % candidates.size()));
            assertThat(s.verify(signature, candidates, null, null)).isEmpty();
        });
    }
}
