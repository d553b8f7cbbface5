package io.authbridge.digest.core;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DigestAlgorithmTest {

    @ParameterizedTest
    @CsvSource({
            "MD5,              MD5",
            "md5,              MD5",
            "MD5-sess,         MD5_SESS",
            "md5-SESS,         MD5_SESS",
            "SHA-256,          SHA_256",
            "sha-256-sess,     SHA_256_SESS",
            "SHA-512-256,      SHA_512_256",
            "Sha-512-256-Sess, SHA_512_256_SESS",
    })
    void parsesTheRfcTokensCaseInsensitively(String token, DigestAlgorithm expected) {
        assertThat(DigestAlgorithm.fromToken(token)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SHA256", "SHA-512", "SHA-512/256", "MD5-sess ", " MD5", "SHA-1", "\u017FHA-256", "MD5\u0000"})
    void refusesEverythingElse(String token) {
        // U+017F (long s) upper-cases to 'S': String.equalsIgnoreCase would take it for SHA-256.
        assertThat(DigestAlgorithm.fromToken(token)).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThat(DigestAlgorithm.fromToken(null)).isEmpty();
    }

    @Test
    void tokensAreExactlyThoseOfTheRfc() {
        assertThat(Arrays.stream(DigestAlgorithm.values()).map(DigestAlgorithm::token)).containsExactlyInAnyOrder(
                "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess");
    }

    @Test
    void naturalOrderIsStrongestFirstWithSessNextToItsBase() {
        assertThat(DigestAlgorithm.values()).containsExactly(
                DigestAlgorithm.SHA_512_256, DigestAlgorithm.SHA_512_256_SESS,
                DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256_SESS,
                DigestAlgorithm.MD5, DigestAlgorithm.MD5_SESS);
    }

    @Test
    void sha512256IsTheFipsHashNotTruncatedSha512() {
        // printf '%s' abc | openssl dgst -sha512-256   (truncated SHA-512 would start ddaf35a1...)
        assertThat(DigestAlgorithm.SHA_512_256.hash("abc"))
                .isEqualTo("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
        assertThat(DigestAlgorithm.SHA_512_256_SESS.hash("abc")).isEqualTo(DigestAlgorithm.SHA_512_256.hash("abc"));
    }

    @Test
    void hashesAreLowercaseHexOfTheAnnouncedLength() {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            assertThat(algorithm.hash("x")).as(algorithm.token()).hasSize(algorithm.hexLength()).matches("[0-9a-f]+");
        }
        assertThat(DigestAlgorithm.MD5.hexLength()).isEqualTo(32);
        assertThat(DigestAlgorithm.SHA_256.hexLength()).isEqualTo(64);
    }

    @Test
    void sessionFlag() {
        assertThat(DigestAlgorithm.MD5_SESS.isSession()).isTrue();
        assertThat(DigestAlgorithm.SHA_256_SESS.isSession()).isTrue();
        assertThat(DigestAlgorithm.SHA_512_256_SESS.isSession()).isTrue();
        assertThat(DigestAlgorithm.MD5.isSession()).isFalse();
        assertThat(DigestAlgorithm.SHA_256.isSession()).isFalse();
        assertThat(DigestAlgorithm.SHA_512_256.isSession()).isFalse();
    }
}
