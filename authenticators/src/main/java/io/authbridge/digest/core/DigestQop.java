package io.authbridge.digest.core;

import java.util.Optional;

/** The "quality of protection" values of RFC 7616 §3.3: whether the request body is part of the response hash. */
public enum DigestQop {

    AUTH("auth"),
    /** Integrity of the body too: A2 includes H(entity-body) (RFC 7616 §3.4.3). */
    AUTH_INT("auth-int");

    private final String token;

    DigestQop(String token) {
        this.token = token;
    }

    /** @param token compared case-insensitively, like every ABNF literal */
    public static Optional<DigestQop> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        for (DigestQop qop : values()) {
            if (HttpSyntax.equalsIgnoreAsciiCase(qop.token, token)) {
                return Optional.of(qop);
            }
        }
        return Optional.empty();
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
