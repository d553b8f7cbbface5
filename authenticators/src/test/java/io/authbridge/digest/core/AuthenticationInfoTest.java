package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.authbridge.digest.core.RfcExamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticationInfoTest {

    /**
     * rspauth for the RFC 7616 §3.9.1 requests: A2 = ":" uri, e.g.
     * h "$HA1:$NONCE:00000001:$CNONCE:auth:$(h ':/dir/index.html')"   (h = openssl dgst -md5 / -sha256 / -sha512-256)
     */
    @ParameterizedTest
    @CsvSource({
            "MD5,         9b712497bc9f91499fbcca1dfc5f09a5",
            "SHA-256,     86d3b25618d41854ca5039a5d7e53ff6355d5134a9b1fb088a78ac3c462195a0",
            "SHA-512-256, c8f9593a4f49b95ce2c483cc3222ecd360a5c6ec52ca24a530b0aac18478de8c",
    })
    void rspauthHasNoMethodInA2(String algorithmToken, String expected) {
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(algorithmToken).orElseThrow();
        String response = "0".repeat(algorithm.hexLength()); // rspauth does not depend on the client's response
        DigestAuthorization authorization = RfcExamples.parse(RFC7616_SHA256
                .replace("algorithm=SHA-256", "algorithm=" + algorithmToken)
                .replace("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response));
        String ha1 = DigestCalculator.ha1(algorithm, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        assertThat(DigestCalculator.rspauth(authorization, ha1, null)).isEqualTo(expected);
    }

    @Test
    void headerValueForTheRfc7616Md5Example() {
        DigestAuthorization authorization = RfcExamples.parse(RFC7616_MD5);
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        assertThat(AuthenticationInfo.of(authorization, ha1, null, null).headerValue()).contains(
                "qop=auth, rspauth=\"9b712497bc9f91499fbcca1dfc5f09a5\", cnonce=\"" + MUFASA_CNONCE + "\", nc=00000001");
        assertThat(AuthenticationInfo.of(authorization, ha1, null, "next-nonce").headerValue()).contains(
                "qop=auth, rspauth=\"9b712497bc9f91499fbcca1dfc5f09a5\", cnonce=\"" + MUFASA_CNONCE + "\", nc=00000001, "
                        + "nextnonce=\"next-nonce\"");
    }

    /**
     * auth-int hashes the response body: for the auth-int request of {@link DigestCalculatorTest}, e.g.
     * h "$HA1:$NONCE:0000000a:$CNONCE:auth-int:$(h ":/dir/index.html:$(h '{"ok":true}')")"
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MD5         | {\"ok\":true} | 4fea8ee9bad95691c73df6f09eecd4d8",
            "MD5         |               | 5610d521d3ea9da48081838a0c9dfdca",
            "SHA-256     | {\"ok\":true} | f77a3534311eaef10b32f75006ae341d73aa6838f0001a890cce7a09cf214ed1",
            "SHA-256     |               | 82400d4a34ccb0b017e7f937d9cc44a6c2eef0d69f8a4f8d01b873cc4b73d9ff",
            "SHA-512-256 | {\"ok\":true} | bae72d42ec83a64e52fd369a8dc4b262e642d6d4637d9a0c3d8471adec586b4f",
            "SHA-512-256 |               | 0ee8a49ad57ec5287f828f6bded73a9386b13ffe4ef4e82da80758f9cfd2c620",
    })
    void authIntRspauthHashesTheResponseBody(String algorithmToken, String body, String expected) {
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(algorithmToken).orElseThrow();
        DigestAuthorization authorization = RfcExamples.parse(
                DigestCalculatorTest.authIntHeader(algorithmToken, "0".repeat(algorithm.hexLength())));
        String ha1 = DigestCalculator.ha1(algorithm, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        byte[] responseBody = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        AuthenticationInfo info = AuthenticationInfo.of(authorization, ha1, responseBody, null);
        assertThat(info.rspauth()).isEqualTo(expected);
        assertThat(info.headerValue()).contains("qop=auth-int, rspauth=\"" + expected + "\", cnonce=\"" + MUFASA_CNONCE
                + "\", nc=0000000a");
    }

    @Test
    void requestWithoutQopGetsOnlyANextNonce() {
        DigestAuthorization authorization = RfcExamples.parse(RFC2069);
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", RFC2617_PASSWORD);
        assertThat(AuthenticationInfo.of(authorization, ha1, null, "n2").headerValue()).contains("nextnonce=\"n2\"");
        assertThat(AuthenticationInfo.of(authorization, ha1, null, null).headerValue()).isEmpty();
        assertThatThrownBy(() -> DigestCalculator.rspauth(authorization, ha1, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void escapesTheEchoedCnonce() {
        DigestAuthorization authorization = RfcExamples.parse(RFC7616_MD5.replace(MUFASA_CNONCE, "a\\\"b\\\\c"));
        assertThat(authorization.cnonce()).isEqualTo("a\"b\\c");
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        assertThat(AuthenticationInfo.of(authorization, ha1, null, null).headerValue().orElseThrow())
                .contains("cnonce=\"a\\\"b\\\\c\"");
    }

    @Test
    void refusesValuesThatWouldBreakTheHeader() {
        assertThatThrownBy(() -> new AuthenticationInfo(DigestQop.AUTH, "00", "c", "1\r\nX: y", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthenticationInfo(null, null, null, null, "n\r\nX: y").headerValue())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
