package io.authbridge.digest.client;

import io.authbridge.common.core.SecretMatcher;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.core.DigestAuthorizationParser;
import io.authbridge.digest.core.DigestParseException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretVerifierTest {

    /** RFC 7616 §3.9.1, SHA-256: user Mufasa, password "Circle of Life", realm http-auth@example.org, GET. */
    private static final String REALM = "http-auth@example.org";
    private static final String SECRET = "Circle of Life";
    private static final String SHA256_HA1 = "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232";
    private static final DigestAuthorization RFC7616_SHA256 = parse("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
            + "uri=\"/dir/index.html\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, "
            + "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, "
            + "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
            + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");

    @Test
    void currentSecretMatchesTheRfcExample() {
        assertThat(ClientSecretVerifier.verify(RFC7616_SHA256, REALM, "GET", SECRET, null))
                .contains(new ClientSecretVerifier.Match(SecretMatcher.Slot.CURRENT, SHA256_HA1));
    }

    @Test
    void rotatedSecretMatchesDuringItsGracePeriod() {
        assertThat(ClientSecretVerifier.verify(RFC7616_SHA256, REALM, "GET", "the new secret", SECRET))
                .contains(new ClientSecretVerifier.Match(SecretMatcher.Slot.ROTATED, SHA256_HA1));
    }

    @Test
    void currentWinsWhenBothAreEqual() {
        assertThat(ClientSecretVerifier.verify(RFC7616_SHA256, REALM, "GET", SECRET, SECRET))
                .map(ClientSecretVerifier.Match::slot).contains(SecretMatcher.Slot.CURRENT);
    }

    @Test
    void wrongSecretsDoNotMatch() {
        assertThat(ClientSecretVerifier.verify(RFC7616_SHA256, REALM, "GET", "circle of life", "Circle of Life ")).isEmpty();
    }

    @Test
    void noSecretsNeverMatch() {
        assertThat(ClientSecretVerifier.verify(RFC7616_SHA256, REALM, "GET", null, null)).isEmpty();
    }

    @Test
    void theResponseCoversMethodAndDigestRealm() {
        assertThat(ClientSecretVerifier.verify(RFC7616_SHA256, REALM, "POST", SECRET, null)).isEmpty();
        assertThat(ClientSecretVerifier.verify(RFC7616_SHA256, "other-realm", "GET", SECRET, null)).isEmpty();
    }

    @Test
    void aResponseComputedWithThePlaceholderOfAnAbsentSecretDoesNotCount() {
        // Whatever stands in for a missing secret, a response made from it must not authenticate.
        DigestAuthorization forged = parse("Digest username=\"Mufasa\", realm=\"r\", uri=\"/\", algorithm=SHA-256, "
                + "nonce=\"n\", nc=00000001, cnonce=\"c\", qop=auth, response=\"" + "0".repeat(64) + "\"");
        assertThat(ClientSecretVerifier.verify(forged, "r", "POST", null, null)).isEmpty();
    }

    @Test
    void sessVariantStartsFromTheBaseHa1() {
        // Same inputs with SHA-256-sess: HA1' = H(HA1 ":" nonce ":" cnonce) inside; the match reports the base HA1.
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        String sessHa1 = sha256(SHA256_HA1 + ":" + nonce + ":" + cnonce);
        String response = sha256(sessHa1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + sha256("POST:/token"));
        DigestAuthorization sess = parse("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/token\", "
                + "algorithm=SHA-256-sess, nonce=\"" + nonce + "\", nc=00000001, cnonce=\"" + cnonce + "\", qop=auth, "
                + "response=\"" + response + "\"");
        assertThat(ClientSecretVerifier.verify(sess, REALM, "POST", "wrong", SECRET))
                .contains(new ClientSecretVerifier.Match(SecretMatcher.Slot.ROTATED, SHA256_HA1));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DigestAuthorization parse(String header) {
        try {
            return DigestAuthorizationParser.parse(header);
        } catch (DigestParseException e) {
            throw new AssertionError(e);
        }
    }
}
