package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The HTTP Digest algorithms of RFC 7616 §3.3 and §6.1, declared strongest first: the natural order is the order
 * in which a server lists its challenges (RFC 7616 §3.7: most preferred first, a client takes the first it supports).
 */
public enum DigestAlgorithm {

    // SHA-512/256 of FIPS 180-4 (own initial values), not SHA-512 cut to 256 bits: RFC 7616 §3.9.2 printed values of
    // the truncated hash by mistake, erratum 4897 corrects them.
    SHA_512_256("SHA-512-256", "SHA-512/256", false),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true),
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true);

    private static final HexFormat HEX = HexFormat.of();

    private final String token;
    private final String jdkName;
    private final boolean session;

    DigestAlgorithm(String token, String jdkName, boolean session) {
        this.token = token;
        this.jdkName = jdkName;
        this.session = session;
    }

    /**
     * @param token the {@code algorithm} parameter value; compared case-insensitively like every ABNF literal
     */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        for (DigestAlgorithm algorithm : values()) {
            if (HttpSyntax.equalsIgnoreAsciiCase(algorithm.token, token)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The name as written in the {@code algorithm} parameter, e.g. {@code SHA-512-256-sess}. */
    public String token() {
        return token;
    }

    /** Whether HA1 is bound to the nonce and cnonce of each request (RFC 7616 §3.4.2). */
    public boolean isSession() {
        return session;
    }

    /** The algorithm whose HA1 a -sess variant starts from (RFC 7616 §3.4.2); a base algorithm is its own base. */
    public DigestAlgorithm base() {
        return switch (this) {
            case SHA_512_256_SESS -> SHA_512_256;
            case SHA_256_SESS -> SHA_256;
            case MD5_SESS -> MD5;
            default -> this;
        };
    }

    /** The length of this algorithm's hashes in lowercase hex: the form of HA1, userhash and response. */
    public int hexLength() {
        return this == MD5 || this == MD5_SESS ? 32 : 64;
    }

    /** H(data) in lowercase hex (RFC 7616 §3.4: "the output ... represented as lowercase hexadecimal"). */
    String hash(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance(jdkName).digest(data));
        } catch (NoSuchAlgorithmException e) {
            // Every Java 17 runtime ships MD5, SHA-256 and SHA-512/256 (SUN provider).
            throw new IllegalStateException(jdkName + " is not available in this Java runtime", e);
        }
    }

    /** H(text) over the UTF-8 octets of the text (RFC 7616 §4: the only charset a server may announce). */
    String hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return token;
    }
}
