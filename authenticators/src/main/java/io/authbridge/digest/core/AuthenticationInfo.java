package io.authbridge.digest.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Authentication-Info} header of a successful Digest response (RFC 7616 §3.5): mutual authentication
 * through {@code rspauth}, and optionally the nonce the client should use next.
 *
 * @param qop       null for an RFC 2069-style request, which then gets no rspauth, cnonce or nc
 * @param rspauth   see {@link DigestCalculator#rspauth(DigestAuthorization, String, byte[])}
 * @param cnonce    the client's, echoed so it can match the answer to its request
 * @param nc        the client's, as sent
 * @param nextNonce null to let the client keep its nonce
 */
public record AuthenticationInfo(DigestQop qop, String rspauth, String cnonce, String nc, String nextNonce) {

    public AuthenticationInfo {
        if ((qop == null) != (rspauth == null) || (qop == null) != (cnonce == null) || (qop == null) != (nc == null)) {
            throw new IllegalArgumentException("rspauth, cnonce and nc go with qop, and only with qop");
        }
        if (nc != null && !HttpSyntax.isHex(nc, 8)) {
            // Sent as a token, unquoted: anything else could break the header.
            throw new IllegalArgumentException("nc must be 8 hex digits");
        }
    }

    /**
     * @param storedHa1    see {@link DigestCalculator#expectedResponse(DigestAuthorization, String, String, byte[])}
     * @param responseBody the response body, needed for {@code qop=auth-int}; may be null otherwise
     * @param nextNonce    a fresh nonce for the client's next request, or null
     */
    public static AuthenticationInfo of(DigestAuthorization authorization, String storedHa1, byte[] responseBody,
                                        String nextNonce) {
        if (!authorization.hasQop()) {
            return new AuthenticationInfo(null, null, null, null, nextNonce);
        }
        return new AuthenticationInfo(authorization.qop(),
                DigestCalculator.rspauth(authorization, storedHa1, responseBody),
                authorization.cnonce(), authorization.nc(), nextNonce);
    }

    /**
     * The header value, e.g. {@code qop=auth, rspauth="…", cnonce="…", nc=00000001, nextnonce="…"};
     * empty when there is nothing to send (no qop and no next nonce).
     *
     * @throws IllegalArgumentException when a value holds other than printable ASCII, which cannot go into a header
     */
    public Optional<String> headerValue() {
        List<String> parts = new ArrayList<>();
        if (qop != null) {
            // RFC 7616 §3.5: qop and nc as tokens, rspauth and cnonce quoted, as in the Authorization header.
            parts.add("qop=" + qop.token());
            parts.add("rspauth=" + HttpSyntax.quote(rspauth));
            parts.add("cnonce=" + HttpSyntax.quote(cnonce));
            parts.add("nc=" + nc);
        }
        if (nextNonce != null) {
            parts.add("nextnonce=" + HttpSyntax.quote(nextNonce));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }
}
