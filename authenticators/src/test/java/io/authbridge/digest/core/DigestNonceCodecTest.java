package io.authbridge.digest.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.authbridge.digest.core.DigestNonceCodec.Validity.INVALID;
import static io.authbridge.digest.core.DigestNonceCodec.Validity.STALE;
import static io.authbridge.digest.core.DigestNonceCodec.Validity.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestNonceCodecTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final String BINDING = "AminoTV|realm-id-1";
    private static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static DigestNonceCodec codecAt(Instant now) {
        return codecAt(KEY, now);
    }

    private static DigestNonceCodec codecAt(byte[] key, Instant now) {
        return new DigestNonceCodec(key, LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void freshNonceIsValidOnEveryNodeWithTheKey() {
        String nonce = codecAt(T0).issue(BINDING);
        assertThat(nonce).hasSize(75).matches("[A-Za-z0-9_-]+");
        assertThat(codecAt(T0).validate(nonce, BINDING)).isEqualTo(VALID);
        assertThat(codecAt(T0.plus(LIFETIME)).validate(nonce, BINDING)).isEqualTo(VALID);
    }

    @Test
    void noncesAreUnique() {
        DigestNonceCodec codec = codecAt(T0);
        assertThat(codec.issue(BINDING)).isNotEqualTo(codec.issue(BINDING));
    }

    @Test
    void carriesTheIssueTime() {
        byte[] decoded = Base64.getUrlDecoder().decode(codecAt(T0).issue(BINDING));
        assertThat(decoded).hasSize(56);
        assertThat(ByteBuffer.wrap(decoded).getLong()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void staleAfterTheLifetime() {
        String nonce = codecAt(T0).issue(BINDING);
        assertThat(codecAt(T0.plus(LIFETIME).plusMillis(1)).validate(nonce, BINDING)).isEqualTo(STALE);
        assertThat(codecAt(T0.plus(Duration.ofDays(400))).validate(nonce, BINDING)).isEqualTo(STALE);
    }

    @Test
    void futureIssueTimeBeyondTheSkewIsInvalid() {
        String nonce = codecAt(T0).issue(BINDING);
        assertThat(codecAt(T0.minus(DigestNonceCodec.MAX_CLOCK_SKEW)).validate(nonce, BINDING)).isEqualTo(VALID);
        assertThat(codecAt(T0.minus(DigestNonceCodec.MAX_CLOCK_SKEW).minusMillis(1)).validate(nonce, BINDING))
                .isEqualTo(INVALID);
        assertThat(codecAt(T0.minus(Duration.ofDays(1))).validate(nonce, BINDING)).isEqualTo(INVALID);
    }

    @Test
    void everyAlteredCharacterMakesItInvalid() {
        String nonce = codecAt(T0).issue(BINDING);
        DigestNonceCodec codec = codecAt(T0);
        for (int i = 0; i < nonce.length(); i++) {
            char original = nonce.charAt(i);
            char replacement = BASE64URL_ALPHABET.charAt((BASE64URL_ALPHABET.indexOf(original) + 1) % 64);
            String altered = nonce.substring(0, i) + replacement + nonce.substring(i + 1);
            assertThat(codec.validate(altered, BINDING)).as("position %d", i).isEqualTo(INVALID);
        }
    }

    @Test
    void reSignedTimeWithoutTheKeyIsInvalid() {
        // An old nonce dated to "now" keeps its MAC, which no longer fits.
        String nonce = codecAt(T0).issue(BINDING);
        byte[] decoded = Base64.getUrlDecoder().decode(nonce);
        Instant later = T0.plus(Duration.ofHours(1));
        ByteBuffer.wrap(decoded).putLong(later.toEpochMilli());
        String redated = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded);
        assertThat(codecAt(later).validate(redated, BINDING)).isEqualTo(INVALID);
    }

    @Test
    void nonceOfAnotherBindingIsInvalid() {
        String nonce = codecAt(T0).issue(BINDING);
        assertThat(codecAt(T0).validate(nonce, "AminoTV|realm-id-2")).isEqualTo(INVALID);
        assertThat(codecAt(T0).validate(nonce, "")).isEqualTo(INVALID);
    }

    @Test
    void nonceOfAnotherKeyIsInvalid() {
        String nonce = codecAt(T0).issue(BINDING);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThat(codecAt(otherKey, T0).validate(nonce, BINDING)).isEqualTo(INVALID);
    }

    @Test
    void acceptsKeysOfAnyLengthFromSixteenBytes() {
        for (int length : new int[] {16, 17, 32, 64, 65, 200}) {
            byte[] key = new byte[length];
            Arrays.fill(key, (byte) 7);
            DigestNonceCodec codec = codecAt(key, T0);
            assertThat(codec.validate(codec.issue(BINDING), BINDING)).as("%d bytes", length).isEqualTo(VALID);
        }
        assertThatThrownBy(() -> codecAt(new byte[15], T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codecAt(null, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DigestNonceCodec(KEY, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIsCopiedNotShared() {
        byte[] key = KEY.clone();
        DigestNonceCodec codec = codecAt(key, T0);
        String nonce = codec.issue(BINDING);
        Arrays.fill(key, (byte) 0);
        assertThat(codec.validate(nonce, BINDING)).isEqualTo(VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "%%%%", "\u0000",
            "===========================================================================",
            "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/A",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u00e9",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"})
    void garbageIsInvalidNeverAnException(String garbage) {
        assertThat(codecAt(T0).validate(garbage, BINDING)).isEqualTo(INVALID);
    }

    @Test
    void nullAndHugeAreInvalid() {
        assertThat(codecAt(T0).validate(null, BINDING)).isEqualTo(INVALID);
        assertThat(codecAt(T0).validate("A".repeat(1_000_000), BINDING)).isEqualTo(INVALID);
    }

    @Test
    void paddedFormIsInvalid() {
        byte[] decoded = Base64.getUrlDecoder().decode(codecAt(T0).issue(BINDING));
        assertThat(codecAt(T0).validate(Base64.getUrlEncoder().encodeToString(decoded), BINDING)).isEqualTo(INVALID);
    }

    @Test
    void opaqueIsStablePerKeyAndBinding() {
        String opaque = codecAt(T0).opaque(BINDING);
        assertThat(opaque).matches("[A-Za-z0-9_-]{24}");
        assertThat(codecAt(T0.plus(Duration.ofDays(3))).opaque(BINDING)).isEqualTo(opaque);
        assertThat(codecAt(T0).opaque("other")).isNotEqualTo(opaque);
        byte[] otherKey = KEY.clone();
        otherKey[5] ^= 1;
        assertThat(codecAt(otherKey, T0).opaque(BINDING)).isNotEqualTo(opaque);
    }
}
