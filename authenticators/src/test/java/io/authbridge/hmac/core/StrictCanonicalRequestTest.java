package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StrictCanonicalRequestTest {

    @Test
    void matchesTheReadmesOpensslExample() {
        String bodyHash = HmacSha256.sha256Hex("{\"timestamp\":1736340044000}".getBytes(StandardCharsets.UTF_8));
        String canonical = StrictCanonicalRequest.of("1736340044000", "post", "/realms/demo/api-key/login/session", "acme", bodyHash);
        assertThat(canonical).isEqualTo("AUTHBRIDGE-HMAC-SHA256\n1736340044000\nPOST\n/realms/demo/api-key/login/session\nacme\n" + bodyHash);
        // computed with openssl: see README "Strict signing"
        assertThat(HmacSha256.signHex("partner-secret-1", canonical))
                .isEqualTo("664123b40bcd12e57c35e0a0f41de49d590d9c69146e6ab78144afd31b09d70e");
    }

    @Test
    void anAbsentTenantIsAnEmptyLine() {
        assertThat(StrictCanonicalRequest.of("1", "POST", "/p", null, "h")).isEqualTo("AUTHBRIDGE-HMAC-SHA256\n1\nPOST\n/p\n\nh");
    }

    @Test
    void theSignedBytesAreTheCanonicalTextInUtf8() {
        assertThat(StrictCanonicalRequest.bytes("1700000000000", "post", "/p/é", "t1", "abc"))
                .isEqualTo(StrictCanonicalRequest.of("1700000000000", "post", "/p/é", "t1", "abc")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
