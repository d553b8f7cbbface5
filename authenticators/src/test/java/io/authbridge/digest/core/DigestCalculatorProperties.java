package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DigestCalculator} against RFC 7616 §3.4.1-§3.4.3 and §3.5 written out again here with the JDK's digests: the
 * response covers every part of the request, verifies only itself, and rspauth is the response without the method.
 */
class DigestCalculatorProperties {

    /** A request's credentials and what the server checks them with. */
    private record Request(DigestAuthorization authorization, String password, String method, byte[] body) {

        String storedHa1() {
            return DigestCalculator.ha1(authorization.algorithm(), authorization.username(), authorization.realm(), password);
        }
    }

    /** A request and the position of the response digit to change. */
    private record Flip(Request request, int position) {
    }

    private static final Gen<Request> REQUEST = random -> new Request(DigestGenerators.AUTHORIZATION.next(random),
            DigestGenerators.USERNAME.next(random), Gen.of("GET", "POST", "PUT", "").next(random), Gen.bytes(0, 64).next(random));

    @Test
    void theResponseIsRfc7616sFormula() {
        forAll(REQUEST, r -> {
            String storedHa1 = r.storedHa1();
            String ha1 = reference(r, r.authorization().username() + ":" + r.authorization().realm() + ":" + r.password());
            assertThat(storedHa1).isEqualTo(ha1);
            // Imported HA1 values may be in upper case.
            assertThat(DigestCalculator.expectedResponse(r.authorization(), storedHa1.toUpperCase(), r.method(), r.body()))
                    .isEqualTo(referenceResponse(r, ha1, r.method(), r.body()));
        });
    }

    @Test
    void verifiesTheRightResponseOnly() {
        forAll(Gen.zip(REQUEST, Gen.ints(0, Integer.MAX_VALUE), Flip::new), flip -> {
            Request r = flip.request();
            DigestAuthorization right = withResponse(r.authorization(),
                    DigestCalculator.expectedResponse(r.authorization(), r.storedHa1(), r.method(), r.body()));
            String response = right.response();
            int at = flip.position() % response.length();
            char flipped = response.charAt(at) == '0' ? '1' : '0';
            DigestAuthorization wrong = withResponse(right, response.substring(0, at) + flipped + response.substring(at + 1));
            String otherHa1 = DigestCalculator.ha1(right.algorithm(), right.username(), right.realm(), r.password() + "x");

            assertThat(DigestCalculator.verify(right, r.storedHa1(), r.method(), r.body())).isTrue();
            assertThat(DigestCalculator.verify(withResponse(right, response.toUpperCase()), r.storedHa1(), r.method(), r.body())).isTrue();
            assertThat(DigestCalculator.verify(wrong, r.storedHa1(), r.method(), r.body())).isFalse();
            assertThat(DigestCalculator.verify(right, otherHa1, r.method(), r.body())).isFalse();
            assertThat(DigestCalculator.verify(right, r.storedHa1(), r.method() + "X", r.body())).isFalse();
        });
    }

    /** RFC 7616 §3.5: rspauth is computed like the response with an empty method, over the response body. */
    @Test
    void rspauthIsTheResponseWithoutTheMethod() {
        forAll(REQUEST.filter(r -> r.authorization().hasQop()), r -> assertThat(DigestCalculator.rspauth(r.authorization(), r.storedHa1(), r.body()))
                .isEqualTo(DigestCalculator.expectedResponse(r.authorization(), r.storedHa1(), "", r.body())));
    }

    private static DigestAuthorization withResponse(DigestAuthorization a, String response) {
        return new DigestAuthorization(a.username(), a.userhash(), a.realm(), a.nonce(), a.uri(), response, a.algorithm(),
                a.qop(), a.cnonce(), a.nc(), a.opaque());
    }

    private static String referenceResponse(Request r, String ha1, String method, byte[] body) {
        DigestAuthorization a = r.authorization();
        String sessionHa1 = a.algorithm().isSession() ? reference(r, ha1 + ":" + a.nonce() + ":" + a.cnonce()) : ha1;
        String a2 = method + ":" + a.uri() + (a.qop() == DigestQop.AUTH_INT ? ":" + reference(r, body) : "");
        String data = a.hasQop()
                ? a.nonce() + ":" + a.nc() + ":" + a.cnonce() + ":" + a.qop().token() + ":" + reference(r, a2)
                : a.nonce() + ":" + reference(r, a2);
        return reference(r, sessionHa1 + ":" + data);
    }

    private static String reference(Request r, String text) {
        return reference(r, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String reference(Request r, byte[] data) {
        String jdkName = switch (r.authorization().algorithm().base()) {
            case MD5 -> "MD5";
            case SHA_256 -> "SHA-256";
            default -> "SHA-512/256";
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jdkName).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
