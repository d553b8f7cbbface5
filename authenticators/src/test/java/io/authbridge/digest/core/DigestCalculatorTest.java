package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.authbridge.digest.core.RfcExamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestCalculatorTest {

    private static final byte[] NO_BODY = null;

    @Test
    void ha1OfTheProductOwnersImportVectors() {
        // printf '%s' 'alice:AminoTV:s3cret' | md5sum ; ... | sha256sum
        assertThat(DigestCalculator.ha1(DigestAlgorithm.MD5, "alice", "AminoTV", "s3cret"))
                .isEqualTo("2f6e18ed9be5172c07bd79e223deb26c");
        assertThat(DigestCalculator.ha1(DigestAlgorithm.SHA_256, "alice", "AminoTV", "s3cret"))
                .isEqualTo("39b260bc6678f72b8902f0ee7b89c264f8c7f3b3a0594bd487647bc077934449");
    }

    @Test
    void ha1IsTheSameForTheSessVariant() {
        assertThat(DigestCalculator.ha1(DigestAlgorithm.MD5_SESS, "alice", "AminoTV", "s3cret"))
                .isEqualTo("2f6e18ed9be5172c07bd79e223deb26c");
    }

    @Test
    void ha1HashesUtf8() {
        // printf '%s' '€:r:p' | md5sum
        assertThat(DigestCalculator.ha1(DigestAlgorithm.MD5, "\u20ac", "r", "p")).isEqualTo("8c246c21f58bc6bff27ebd96ba4a022f");
    }

    @Test
    void rfc7616Sha256Example() {
        DigestAuthorization authorization = parse(RFC7616_SHA256);
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.SHA_256, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        assertThat(DigestCalculator.expectedResponse(authorization, ha1, "GET", NO_BODY))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
    }

    @Test
    void rfc7616Md5Example() {
        DigestAuthorization authorization = parse(RFC7616_MD5);
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        assertThat(DigestCalculator.expectedResponse(authorization, ha1, "GET", NO_BODY))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
    }

    @Test
    void rfc7616UserhashExampleWithErratum4897() {
        // The server never looks users up by userhash (it refuses such headers), but the response still follows RFC 7616.
        DigestAuthorization authorization = parse(RFC7616_USERHASH);
        assertThat(authorization.userhash()).isTrue();
        assertThat(authorization.username()).isEqualTo(JASON_USERHASH);
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.SHA_512_256, JASON, JASON_REALM, JASON_PASSWORD);
        assertThat(DigestCalculator.expectedResponse(authorization, ha1, "GET", NO_BODY)).isEqualTo(JASON_RESPONSE)
                .isNotEqualTo(RFC7616_PRINTED_RESPONSE);
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
    }

    @Test
    void rfc7616UsernameStarExampleHashesTheDecodedName() {
        DigestAuthorization authorization = parse(RFC7616_USERNAME_STAR);
        assertThat(authorization.username()).isEqualTo(JASON);
        assertThat(authorization.userhash()).isFalse();
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.SHA_512_256, authorization.username(), JASON_REALM, JASON_PASSWORD);
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
    }

    @Test
    void rawUtf8UsernameAsAServerReceivesItMatchesTheSameHa1() {
        String header = asReceived(RFC7616_USERNAME_STAR.replace("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe",
                "username=\"" + JASON + "\""));
        DigestAuthorization authorization = parse(header);
        assertThat(authorization.username()).isEqualTo(JASON);
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.SHA_512_256, JASON, JASON_REALM, JASON_PASSWORD);
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
    }

    @Test
    void rfc2617Example() {
        DigestAuthorization authorization = parse(RFC2617);
        assertThat(authorization.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", RFC2617_PASSWORD);
        assertThat(DigestCalculator.expectedResponse(authorization, ha1, "GET", NO_BODY))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
        assertThat(DigestCalculator.verify(authorization,
                DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", MUFASA_PASSWORD), "GET", NO_BODY))
                .as("'Circle of Life' is not 'Circle Of Life'").isFalse();
    }

    @Test
    void rfc2069ResponseWithoutQop() {
        DigestAuthorization authorization = parse(RFC2069);
        assertThat(authorization.hasQop()).isFalse();
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", RFC2617_PASSWORD);
        assertThat(DigestCalculator.expectedResponse(authorization, ha1, "GET", NO_BODY))
                .isEqualTo("670fd8c2df070c60b045671b8b24ff02");
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
    }

    /**
     * The RFC 7616 §3.9.1 request with other algorithms; expected values from openssl, e.g. for SHA-512-256-sess:
     * h() { printf '%s' "$1" | openssl dgst -sha512-256 -r | cut -d' ' -f1; }
     * HA1=$(h 'Mufasa:http-auth@example.org:Circle of Life'); S=$(h "$HA1:$NONCE:$CNONCE")
     * h "$S:$NONCE:00000001:$CNONCE:auth:$(h 'GET:/dir/index.html')"
     */
    @ParameterizedTest
    @CsvSource({
            "MD5-sess,         e783283f46242139c486a698fec7211d",
            "SHA-256-sess,     2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7",
            "SHA-512-256,      430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0",
            "SHA-512-256-sess, 3f2a34f923c38b0fb26dce2fdfc2ce326c23cecf86fbb1444f3e51fbbc2cb92e",
    })
    void otherAlgorithmsAndSessVariants(String algorithmToken, String expected) {
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(algorithmToken).orElseThrow();
        DigestAuthorization authorization = parse(RFC7616_SHA256
                .replace("algorithm=SHA-256", "algorithm=" + algorithmToken)
                .replace("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", expected));
        String ha1 = DigestCalculator.ha1(algorithm, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        assertThat(DigestCalculator.expectedResponse(authorization, ha1, "GET", NO_BODY)).isEqualTo(expected);
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
    }

    /**
     * auth-int: POST with body "hello=world", nc=0000000a; e.g. for SHA-256:
     * h "$HA1:$NONCE:0000000a:$CNONCE:auth-int:$(h "POST:/dir/index.html:$(h 'hello=world')")"
     */
    @ParameterizedTest
    @CsvSource({
            "MD5,              bcaf17d50160e523eab6d12db5d8085f",
            "MD5-sess,         6ad6ec2f96d19c32b604d53ca8b06bc3",
            "SHA-256,          bc283dec7601044b23dc5004d6de9043f0d5a40a761a20aa882586574d5f8710",
            "SHA-256-sess,     676cac4e857f9763ae53949a2e27f9304ecace43a0770afdec14f90b1cb0affa",
            "SHA-512-256,      8110f9687e68e5d832b1506b3e154df8beaac128ca76d4acd7dafe37b72fe0eb",
            "SHA-512-256-sess, b6996726c536b55d38af29a1f3d58b6f913f48c5b82ea2be40d61b4ce3909dab",
    })
    void authIntHashesTheRequestBody(String algorithmToken, String expected) {
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(algorithmToken).orElseThrow();
        DigestAuthorization authorization = parse(authIntHeader(algorithmToken, expected));
        String ha1 = DigestCalculator.ha1(algorithm, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        byte[] body = "hello=world".getBytes(StandardCharsets.UTF_8);
        assertThat(DigestCalculator.expectedResponse(authorization, ha1, "POST", body)).isEqualTo(expected);
        assertThat(DigestCalculator.verify(authorization, ha1, "POST", body)).isTrue();
        assertThat(DigestCalculator.verify(authorization, ha1, "POST", "hello=World".getBytes(StandardCharsets.UTF_8)))
                .as("altered body").isFalse();
        assertThat(DigestCalculator.verify(authorization, ha1, "POST", new byte[0])).as("missing body").isFalse();
    }

    @Test
    void authIntWithoutBodyIsACallerError() {
        DigestAuthorization authorization = parse(authIntHeader("MD5", "bcaf17d50160e523eab6d12db5d8085f"));
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        assertThatThrownBy(() -> DigestCalculator.verify(authorization, ha1, "POST", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrongPasswordMethodUriOrCountFails() {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.SHA_256, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        String otherHa1 = DigestCalculator.ha1(DigestAlgorithm.SHA_256, "Mufasa", MUFASA_REALM, "Circle of Life!");
        DigestAuthorization authorization = parse(RFC7616_SHA256);
        assertThat(DigestCalculator.verify(authorization, otherHa1, "GET", NO_BODY)).isFalse();
        assertThat(DigestCalculator.verify(authorization, ha1, "POST", NO_BODY)).isFalse();
        assertThat(DigestCalculator.verify(parse(RFC7616_SHA256.replace("/dir/index.html", "/dir/other.html")),
                ha1, "GET", NO_BODY)).isFalse();
        assertThat(DigestCalculator.verify(parse(RFC7616_SHA256.replace("nc=00000001", "nc=00000002")),
                ha1, "GET", NO_BODY)).isFalse();
        assertThat(DigestCalculator.verify(parse(RFC7616_SHA256.replace("qop=auth", "qop=auth-int")),
                ha1, "GET", new byte[0])).isFalse();
    }

    @Test
    void acceptsUppercaseStoredHa1AndUppercaseResponse() {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD).toUpperCase();
        DigestAuthorization authorization = parse(RFC7616_MD5.replace("8ca523f5e9506fed4657c9700eebdbec",
                "8CA523F5E9506FED4657C9700EEBDBEC"));
        assertThat(DigestCalculator.verify(authorization, ha1, "GET", NO_BODY)).isTrue();
    }

    @Test
    void refusesAStoredHa1OfAnotherAlgorithm() {
        DigestAuthorization authorization = parse(RFC7616_SHA256);
        String md5Ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", MUFASA_REALM, MUFASA_PASSWORD);
        assertThatThrownBy(() -> DigestCalculator.verify(authorization, md5Ha1, "GET", NO_BODY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestCalculator.verify(authorization, "z".repeat(64), "GET", NO_BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String authIntHeader(String algorithmToken, String response) {
        return "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", "
                + "algorithm=" + algorithmToken + ", nonce=\"" + MUFASA_NONCE + "\", nc=0000000a, "
                + "cnonce=\"" + MUFASA_CNONCE + "\", qop=auth-int, response=\"" + response + "\"";
    }
}
