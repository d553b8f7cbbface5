package io.authbridge.digest.core;

/**
 * A Digest {@code Authorization} header that cannot be used. The message is short, names at most a standard parameter,
 * and never repeats the client's input, so it can go back to the client as an {@code error_description}.
 */
public final class DigestParseException extends Exception {

    DigestParseException(String message) {
        // No stack trace: thrown for attacker-supplied input, where it is useless and filling it in costs CPU.
        super(message, null, false, false);
    }
}
