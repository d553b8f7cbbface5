package io.authbridge.common;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an {@code application/x-www-form-urlencoded} body (WHATWG URL §5.1) from its raw bytes. For endpoints that
 * take the raw body as a parameter (to hash or verify it), where Keycloak's decoded form parameters are not filled.
 */
public final class FormUrlEncoded {

    /** More parameters than any AuthBridge request needs; a longer body is refused rather than parsed. */
    public static final int MAX_PARAMETERS = 256;

    private FormUrlEncoded() {
    }

    /** Parses UTF-8 form data. */
    public static Map<String, List<String>> parse(byte[] body) {
        return parse(body, StandardCharsets.UTF_8);
    }

    /**
     * Parses form data in the charset a {@code Content-Type}'s {@code charset} parameter names (UTF-8 when null).
     *
     * @throws IllegalArgumentException "unsupported charset" for a charset the JVM does not know, else as
     *                                  {@link #parse(byte[], Charset)}
     */
    public static Map<String, List<String>> parse(byte[] body, String charsetName) {
        Charset charset;
        try {
            charset = charsetName == null ? StandardCharsets.UTF_8 : Charset.forName(charsetName);
        } catch (IllegalArgumentException e) { // IllegalCharsetNameException, UnsupportedCharsetException
            throw new IllegalArgumentException("unsupported charset");
        }
        return parse(body, charset);
    }

    /**
     * @return names in the order of their first appearance, each with its values in order; empty for an empty body
     * @throws IllegalArgumentException for a malformed percent-escape or more than {@link #MAX_PARAMETERS} parameters
     */
    public static Map<String, List<String>> parse(byte[] body, Charset charset) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body == null || body.length == 0) {
            return params;
        }
        // Percent-escapes are decoded after splitting, so an encoded '&' or '=' stays data. ISO-8859-1 maps every byte
        // to one char, so the split cannot break a multi-byte character of the real charset.
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        int count = 0;
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMETERS) {
                throw new IllegalArgumentException("more than " + MAX_PARAMETERS + " form parameters");
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String latin1, Charset charset) {
        // Back to the original bytes, then '+' and %XX decoding in the body's charset.
        String original = new String(latin1.getBytes(StandardCharsets.ISO_8859_1), charset);
        try {
            return URLDecoder.decode(original, charset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed percent-escape in form data", e);
        }
    }
}
