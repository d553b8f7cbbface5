package io.authbridge.hmac.core;

/**
 * The request's timestamp, in milliseconds since the epoch, and whether it is fresh enough to accept. The legacy
 * rule is "not older than 30 minutes"; a timestamp far in the future is refused too, or a signature made today could
 * be kept and used next month.
 */
public final class ApiKeyTimestamp {

    /** Why a timestamp is refused; FRESH when it is not. */
    public enum Freshness { FRESH, TOO_OLD, IN_FUTURE }

    /** 19 digits overflow a long; a millisecond clock needs 13. */
    private static final int MAX_DIGITS = 18;

    private ApiKeyTimestamp() {
    }

    /**
     * The digits of a timestamp as sent (JSON number or string, or a header).
     *
     * @throws IllegalArgumentException not a non-negative integer of at most 18 digits
     */
    public static long parse(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("timestamp must be milliseconds since the epoch, as an integer");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("timestamp must be milliseconds since the epoch, as an integer");
            }
        }
        return Long.parseLong(digits);
    }

    /**
     * @param maxAgeSeconds    how old a timestamp may be
     * @param clockSkewSeconds how far ahead of this server's clock it may be
     */
    public static Freshness check(long timestampMillis, long nowMillis, long maxAgeSeconds, long clockSkewSeconds) {
        if (timestampMillis < nowMillis - maxAgeSeconds * 1000) {
            return Freshness.TOO_OLD;
        }
        if (timestampMillis > nowMillis + clockSkewSeconds * 1000) {
            return Freshness.IN_FUTURE;
        }
        return Freshness.FRESH;
    }
}
