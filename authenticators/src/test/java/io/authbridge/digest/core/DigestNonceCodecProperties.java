package io.authbridge.digest.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Random;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import io.authbridge.digest.core.DigestNonceCodec.Validity;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DigestNonceCodec}: a nonce is VALID for its binding under its key within its lifetime (bounds exact), STALE
 * after, and INVALID with any character changed, under any other binding or key, and for any other text.
 */
class DigestNonceCodecProperties {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final long SKEW = DigestNonceCodec.MAX_CLOCK_SKEW.toMillis();

    /** A clock the test moves: nodes and time in one codec. */
    private static final class MovableClock extends Clock {
        long millis;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A realm's key, the lifetime, a binding, when the nonce was issued and how much later it comes back. */
    private record Issue(byte[] key, long lifetime, String binding, long issuedAt, long later, long tamper) {

        Codec codec() {
            return new Codec(key, lifetime);
        }
    }

    private record Codec(MovableClock clock, DigestNonceCodec codec) {

        Codec(byte[] key, long lifetime) {
            this(new MovableClock(), key, lifetime);
        }

        private Codec(MovableClock clock, byte[] key, long lifetime) {
            this(clock, new DigestNonceCodec(key, Duration.ofMillis(lifetime), clock));
        }

        String issueAt(long millis, String binding) {
            clock.millis = millis;
            return codec.issue(binding);
        }

        Validity validateAt(long millis, String nonce, String binding) {
            clock.millis = millis;
            return codec.validate(nonce, binding);
        }
    }

    private static final Gen<Issue> ISSUE = random -> {
        long lifetime = Gen.longs(1, 3_600_000).next(random);
        long later = Gen.oneOf(Gen.longs(-SKEW - 2, -SKEW + 2), Gen.longs(-2, 2), Gen.longs(lifetime - 2, lifetime + 2),
                Gen.longs(-2 * SKEW, 2 * lifetime)).next(random);
        return new Issue(Gen.bytes(DigestNonceCodec.MIN_KEY_LENGTH, 64).next(random), lifetime,
                Gen.oneOf(Gen.constant("AminoTV|realm-id-1"), Gen.text(cp -> true, 0, 20)).next(random),
                Gen.longs(0, 4_102_444_800_000L).next(random), later, random.nextLong());
    };

    @Test
    void validWithinItsLifetimeThenStaleAndInvalidWhenDatedAheadOfTheSkew() {
        forAll(ISSUE, issue -> {
            Codec codec = issue.codec();
            String nonce = codec.issueAt(issue.issuedAt(), issue.binding());
            Validity expected = issue.later() < -SKEW ? Validity.INVALID
                    : issue.later() > issue.lifetime() ? Validity.STALE
                    : Validity.VALID;

            assertThat(codec.validateAt(issue.issuedAt() + issue.later(), nonce, issue.binding())).isEqualTo(expected);
        });
    }

    /** Stateless: another node with the same key accepts it; another binding or another key never does. */
    @Test
    void goodForItsBindingUnderItsKeyOnly() {
        forAll(ISSUE, issue -> {
            String nonce = issue.codec().issueAt(issue.issuedAt(), issue.binding());
            byte[] otherKey = issue.key().clone();
            otherKey[(int) Math.floorMod(issue.tamper(), (long) otherKey.length)] ^= 1;

            assertThat(issue.codec().validateAt(issue.issuedAt(), nonce, issue.binding())).isEqualTo(Validity.VALID);
            assertThat(issue.codec().validateAt(issue.issuedAt(), nonce, issue.binding() + "x")).isEqualTo(Validity.INVALID);
            assertThat(new Codec(otherKey, issue.lifetime()).validateAt(issue.issuedAt(), nonce, issue.binding()))
                    .isEqualTo(Validity.INVALID);
            // Not tried: the key with a zero byte appended, which HMAC pads to the same key (RFC 2104 §2) — realm keys
            // are random bytes of a fixed length.
        });
    }

    /** Every changed, added or removed character is refused — also a change of the last char's unused low bits. */
    @Test
    void anyTamperedCharacterIsRefused() {
        forAll(ISSUE, issue -> {
            Codec codec = issue.codec();
            String nonce = codec.issueAt(issue.issuedAt(), issue.binding());
            Random random = new Random(issue.tamper());
            int at = random.nextInt(nonce.length());
            char replacement;
            do {
                replacement = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : BASE64URL.charAt(random.nextInt(64));
            } while (replacement == nonce.charAt(at));
            String changed = nonce.substring(0, at) + replacement + nonce.substring(at + 1);
            String removed = nonce.substring(0, at) + nonce.substring(at + 1);
            String added = nonce.substring(0, at) + replacement + nonce.substring(at);

            assertThat(nonce).hasSize(75).matches("[A-Za-z0-9_-]+");
            assertThat(ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce)).getLong()).isEqualTo(issue.issuedAt());
            for (String tampered : new String[]{changed, removed, added, nonce + "=", nonce.toUpperCase()}) {
                if (!tampered.equals(nonce)) {
                    assertThat(codec.validateAt(issue.issuedAt(), tampered, issue.binding())).as(tampered).isEqualTo(Validity.INVALID);
                }
            }
        });
    }

    /** A codec none of the seeds or generated texts was issued by. */
    private static final DigestNonceCodec FIXED = new DigestNonceCodec("0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
            Duration.ofMinutes(5), Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void anyOtherTextIsInvalidNeverAnError() {
        Gen<String> texts = Gen.around(FuzzSeeds.text("digest-nonce", StandardCharsets.ISO_8859_1), BASE64URL + "=+/", 100);
        forAll(Gen.oneOf(texts, texts.orNull(10)), DigestNonceCodecProperties::assertInvalid);
    }

    static void assertInvalid(String text) {
        assertThat(FIXED.validate(text, "AminoTV|realm-id-1")).isEqualTo(Validity.INVALID);
    }

    /** The same on every node and restart, different per binding; 18 bytes in unpadded base64url. */
    @Test
    void theOpaqueIsStablePerBindingAndKey() {
        forAll(ISSUE, issue -> {
            String opaque = issue.codec().codec().opaque(issue.binding());
            assertThat(opaque).hasSize(24).matches("[A-Za-z0-9_-]+").isEqualTo(issue.codec().codec().opaque(issue.binding()));
            assertThat(issue.codec().codec().opaque(issue.binding() + "x")).isNotEqualTo(opaque);
        });
    }
}
