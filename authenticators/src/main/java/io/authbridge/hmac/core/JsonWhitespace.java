package io.authbridge.hmac.core;

/**
 * Removes the insignificant whitespace of a JSON text (RFC 8259 §2: space, tab, line feed, carriage return between
 * tokens), keeping everything else exactly as sent: member order, number spelling, string escapes. That is the
 * legacy platform's "minified body" — what a partner gets from {@code JSON.stringify(JSON.parse(body))} for the
 * bodies it signs, without re-serialising numbers or strings.
 */
public final class JsonWhitespace {

    private JsonWhitespace() {
    }

    /** The text without whitespace outside string literals. An unterminated string is copied to its end. */
    public static String minify(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i)); // the escaped character, which may be a quote
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
