package io.authbridge.digest.core;

/**
 * The few RFC 7230 §3.2.6 rules the Digest headers need, ASCII-only on purpose: {@link String#equalsIgnoreCase}
 * and {@link Character#digit} also accept non-ASCII look-alikes (U+017F 'ſ' equals 'S', U+FF10 is a digit).
 */
final class HttpSyntax {

    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpSyntax() {
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isTchar(char c) {
        return isAsciiLetterOrDigit(c) || TCHAR_SYMBOLS.indexOf(c) >= 0;
    }

    static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** @return the value of an ASCII hex digit, or -1 */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (hexValue(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static String toLowerAscii(String s) {
        StringBuilder lower = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }

    static boolean equalsIgnoreAsciiCase(String a, String b) {
        return a.length() == b.length() && toLowerAscii(a).equals(toLowerAscii(b));
    }

    /**
     * A quoted-string for a response header. Only HTAB, SP and visible ASCII go out: a CR or LF would split the
     * header, and non-ASCII has no agreed encoding in a header value (RFC 7230 §3.2.4).
     *
     * @throws IllegalArgumentException for any other character
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7E)) {
                throw new IllegalArgumentException("a header value may hold only printable ASCII");
            }
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
