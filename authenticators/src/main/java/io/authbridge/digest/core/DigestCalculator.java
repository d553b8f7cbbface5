package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The hash computations of RFC 7616 §3.4.1-§3.4.4 and §3.5, with the RFC 2069 form (no qop) that RFC 2617 kept.
 * <p>
 * The server side works from the stored HA1 = H(username ":" realm ":" password) of the base algorithm, so the
 * password itself is needed only once, to derive it. All strings are hashed as UTF-8 (RFC 7616 §4, {@code charset=UTF-8}).
 */
public final class DigestCalculator {

    private DigestCalculator() {
    }

    /**
     * HA1 to store for a user (RFC 7616 §3.4.2), the same for an algorithm and its {@code -sess} variant.
     */
    public static String ha1(DigestAlgorithm algorithm, String username, String realm, String password) {
        return algorithm.hash(username + ":" + realm + ":" + password);
    }

    /**
     * The {@code response} the client should have sent (RFC 7616 §3.4.1).
     *
     * @param storedHa1   the stored HA1 of the base algorithm, hex in either case
     * @param method      the request method, e.g. {@code GET}
     * @param requestBody the request body for {@code qop=auth-int}; may be null otherwise
     * @throws IllegalArgumentException when the stored HA1 is not a hash of the request's algorithm, or auth-int has no body
     */
    public static String expectedResponse(DigestAuthorization authorization, String storedHa1, String method,
                                          byte[] requestBody) {
        DigestAlgorithm algorithm = authorization.algorithm();
        String a2 = method + ":" + authorization.uri();
        if (authorization.qop() == DigestQop.AUTH_INT) {
            a2 += ":" + algorithm.hash(requireBody(requestBody));
        }
        return keyedDigest(authorization, sessionHa1(authorization, storedHa1), algorithm.hash(a2));
    }

    /**
     * Whether the client's {@code response} is right, compared in constant time so the comparison reveals nothing
     * about how much of a guess matched.
     *
     * @see #expectedResponse(DigestAuthorization, String, String, byte[])
     */
    public static boolean verify(DigestAuthorization authorization, String storedHa1, String method, byte[] requestBody) {
        byte[] expected = expectedResponse(authorization, storedHa1, method, requestBody).getBytes(StandardCharsets.US_ASCII);
        byte[] received = HttpSyntax.toLowerAscii(authorization.response()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, received);
    }

    /**
     * The {@code rspauth} of {@code Authentication-Info} (RFC 7616 §3.5), proving to the client that the server knows
     * HA1 too: like the response, but A2 has no method ({@code ":" uri}), and for auth-int hashes the response body.
     *
     * @param responseBody the body the server sends back, for {@code qop=auth-int}; may be null otherwise
     * @throws IllegalStateException when the request had no qop: RFC 2069 clients have no rspauth to check
     */
    public static String rspauth(DigestAuthorization authorization, String storedHa1, byte[] responseBody) {
        if (!authorization.hasQop()) {
            throw new IllegalStateException("rspauth needs the cnonce and nc of a request with qop");
        }
        DigestAlgorithm algorithm = authorization.algorithm();
        String a2 = ":" + authorization.uri();
        if (authorization.qop() == DigestQop.AUTH_INT) {
            a2 += ":" + algorithm.hash(requireBody(responseBody));
        }
        return keyedDigest(authorization, sessionHa1(authorization, storedHa1), algorithm.hash(a2));
    }

    /** HA1 for this request: the stored one, or for -sess H(HA1 ":" nonce ":" cnonce) (RFC 7616 §3.4.2). */
    private static String sessionHa1(DigestAuthorization authorization, String storedHa1) {
        DigestAlgorithm algorithm = authorization.algorithm();
        if (!HttpSyntax.isHex(storedHa1, algorithm.hexLength())) {
            throw new IllegalArgumentException("the stored HA1 is not a " + algorithm + " hash");
        }
        // Imported HA1 values may be uppercase; the hash input is defined in lowercase hex.
        String ha1 = HttpSyntax.toLowerAscii(storedHa1);
        return algorithm.isSession()
                ? algorithm.hash(ha1 + ":" + authorization.nonce() + ":" + authorization.cnonce())
                : ha1;
    }

    /** KD(HA1, nonce ":" nc ":" cnonce ":" qop ":" HA2), or without qop KD(HA1, nonce ":" HA2) (RFC 2069). */
    private static String keyedDigest(DigestAuthorization authorization, String ha1, String ha2) {
        String data = authorization.hasQop()
                ? authorization.nonce() + ":" + authorization.nc() + ":" + authorization.cnonce() + ":"
                        + authorization.qop().token() + ":" + ha2
                : authorization.nonce() + ":" + ha2;
        return authorization.algorithm().hash(ha1 + ":" + data);
    }

    private static byte[] requireBody(byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("qop=auth-int needs the message body");
        }
        return body;
    }
}
