package io.authbridge.digest.core;

import java.util.Objects;

/**
 * The credentials of one {@code Authorization: Digest} header (RFC 7616 §3.4), as {@link DigestAuthorizationParser}
 * accepted them. Values are unescaped and, where the client sent UTF-8 octets, decoded.
 *
 * @param username  the user name (from {@code username} or the decoded {@code username*}); when {@code userhash}
 *                  is true, the lowercase hex H(username ":" realm) instead (RFC 7616 §3.4.4)
 * @param userhash  whether {@code username} is hashed (RFC 7616 §3.4.4); AuthBridge refuses such headers
 * @param algorithm {@link DigestAlgorithm#MD5} when the client did not name one (RFC 7616 §3.4, RFC 2617 §3.2.2)
 * @param response  lowercase hex of {@link DigestAlgorithm#hexLength()} digits
 * @param qop       null for an RFC 2069-style response without qop (then {@code cnonce} and {@code nc} are null too);
 *                  whether to accept one is the caller's decision. Hashed as its lowercase token (what clients send)
 * @param cnonce    printable ASCII, non-empty when {@code qop} is present
 * @param nc        exactly 8 hex digits as sent (the response hash covers the digits as sent)
 * @param opaque    null when absent
 */
public record DigestAuthorization(
        String username,
        boolean userhash,
        String realm,
        String nonce,
        String uri,
        String response,
        DigestAlgorithm algorithm,
        DigestQop qop,
        String cnonce,
        String nc,
        String opaque) {

    public DigestAuthorization {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(algorithm, "algorithm");
        if ((qop == null) != (cnonce == null) || (qop == null) != (nc == null)) {
            throw new IllegalArgumentException("cnonce and nc go with qop, and only with qop");
        }
    }

    /** False for the RFC 2069 form {@code response = H(HA1 ":" nonce ":" HA2)}, which has no client nonce. */
    public boolean hasQop() {
        return qop != null;
    }

    /**
     * The nonce count as a number, so that "0000000a" and "0000000A" count as the same request when replays are tracked.
     *
     * @throws IllegalStateException when there is no qop and so no nonce count
     */
    public long nonceCount() {
        if (nc == null) {
            throw new IllegalStateException("no nonce count without qop");
        }
        return Long.parseLong(nc, 16);
    }

    /** Leaves out the response: with the nonces it is enough for an offline guess of the password. */
    @Override
    public String toString() {
        return "DigestAuthorization[username=" + username + ", userhash=" + userhash + ", realm=" + realm
                + ", uri=" + uri + ", algorithm=" + algorithm + ", qop=" + qop + ", nc=" + nc + "]";
    }
}
