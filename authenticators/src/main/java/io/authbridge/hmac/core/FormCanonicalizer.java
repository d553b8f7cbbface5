package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of an {@code application/x-www-form-urlencoded} body, for the body hash of a
 * {@link SigningMode#STRICT} signature at the token endpoint (Keycloak parses the form before any authenticator runs,
 * so the bytes as sent are not available there):
 * every name=value pair, sorted by name and then by value (comparing the encoded strings), each side percent-encoded
 * as RFC 3986 §2.3 says (unreserved characters {@code A-Z a-z 0-9 - . _ ~} as they are, every other UTF-8 byte as
 * {@code %XX} in upper case — so a space is {@code %20}), joined by {@code &}.
 * <p>
 * For the bodies OAuth clients usually send ({@code grant_type=client_credentials},
 * {@code grant_type=refresh_token&refresh_token=eyJ…}) the canonical form is the body itself.
 */
public final class FormCanonicalizer {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormCanonicalizer() {
    }

    public static String canonical(Map<String, List<String>> form) {
        List<String[]> pairs = new ArrayList<>();
        form.forEach((name, values) -> {
            for (String value : values) {
                pairs.add(new String[]{encode(name), encode(value == null ? "" : value)});
            }
        });
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
