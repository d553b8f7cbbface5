package io.authbridge.hmac.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Vectors computed with openssl ({@code printf '%s' MSG | openssl dgst -sha256 -hmac partner-secret-1}). */
class HmacSha256Test {

    static final String SECRET = "partner-secret-1";
    static final String QUOTED = "{\"timestamp\":\"1736340044000\"}";
    static final String QUOTED_SIGNATURE = "d2ebfa7465ae40771cfa596850372b641741ffa36d7f512fdb174f57cb1f61be";
    static final String BARE = "{\"timestamp\":1736340044000}";
    static final String BARE_SIGNATURE = "af683a9dc5b7757ad5a7a3c40bc6872f10175141559fe576e3ac2ad74bb5d30a";

    @Test
    void signsTheLegacyDocumentsVectors() {
        assertThat(HmacSha256.signHex(SECRET, QUOTED)).isEqualTo(QUOTED_SIGNATURE);
        assertThat(HmacSha256.signHex(SECRET, BARE)).isEqualTo(BARE_SIGNATURE);
    }

    @Test
    void parsesHexInEitherCase() {
        assertThat(HmacSha256.parseHex(QUOTED_SIGNATURE)).isEqualTo(HmacSha256.parseHex(QUOTED_SIGNATURE.toUpperCase()));
        assertThat(HmacSha256.parseHex(QUOTED_SIGNATURE)).hasSize(32);
    }

    @Test
    void refusesAnythingButSixtyFourHexDigits() {
        assertThat(HmacSha256.parseHex(null)).isNull();
        assertThat(HmacSha256.parseHex("")).isNull();
        assertThat(HmacSha256.parseHex(QUOTED_SIGNATURE.substring(1))).isNull();
        assertThat(HmacSha256.parseHex(QUOTED_SIGNATURE + "0")).isNull();
        assertThat(HmacSha256.parseHex("g" + QUOTED_SIGNATURE.substring(1))).isNull();
        // Arabic-Indic digit zero: a digit to Character.digit, not a hex digit on the wire
        assertThat(HmacSha256.parseHex("\u0660" + QUOTED_SIGNATURE.substring(1))).isNull();
        assertThat(HmacSha256.parseHex("\uff10" + QUOTED_SIGNATURE.substring(1))).isNull();
    }

    @Test
    void hashesWithSha256() {
        // printf '' | openssl dgst -sha256
        assertThat(HmacSha256.sha256Hex(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
