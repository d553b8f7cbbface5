package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes Digest credentials as the different clients do, and reads the parameter lists of the headers the server
 * sends: the other side of the wire for the Digest properties, written from RFC 7616 §3.4 and RFC 7230 §3.2.6 apart
 * from the classes under test.
 */
final class DigestHeaders {

    private static final String TCHAR = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ATTR_CHAR = "!#$&+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private DigestHeaders() {
    }

    /**
     * The header value for {@code authorization}, laid out at random: parameters in any order and case, OWS and empty
     * list elements around commas, values quoted (some chars escaped needlessly) or as tokens where they can be,
     * {@code username*} at times, unknown parameters, optional {@code algorithm=MD5} and {@code userhash=false} left
     * out. Octets are chars, as servers hand header values over (UTF-8 read as ISO-8859-1).
     */
    static String write(Random random, DigestAuthorization authorization) {
        List<String> parameters = new ArrayList<>();
        if (authorization.userhash() || random.nextInt(3) != 0) {
            parameters.add(name(random, "username") + value(random, authorization.username()));
        } else {
            parameters.add(name(random, "username*") + extValue(random, authorization.username()));
        }
        parameters.add(name(random, "realm") + value(random, authorization.realm()));
        parameters.add(name(random, "nonce") + value(random, authorization.nonce()));
        parameters.add(name(random, "uri") + value(random, authorization.uri()));
        String response = random.nextInt(4) == 0 ? authorization.response().toUpperCase() : authorization.response();
        parameters.add(name(random, "response") + value(random, response));
        if (authorization.algorithm() != DigestAlgorithm.MD5 || random.nextBoolean()) {
            parameters.add(name(random, "algorithm") + value(random, DigestGenerators.anyCase(random, authorization.algorithm().token())));
        }
        if (authorization.hasQop()) {
            parameters.add(name(random, "qop") + value(random, DigestGenerators.anyCase(random, authorization.qop().token())));
            parameters.add(name(random, "cnonce") + value(random, authorization.cnonce()));
            parameters.add(name(random, "nc") + value(random, authorization.nc()));
        }
        if (authorization.opaque() != null) {
            parameters.add(name(random, "opaque") + value(random, authorization.opaque()));
        }
        if (authorization.userhash() || random.nextBoolean()) {
            parameters.add(name(random, "userhash") + value(random, DigestGenerators.anyCase(random, String.valueOf(authorization.userhash()))));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            parameters.add(name(random, "x-ext" + i) + value(random, "v" + i)); // RFC 7235 §2.1: ignored
        }
        Collections.shuffle(parameters, random);
        StringBuilder header = new StringBuilder(ows(random)).append(DigestGenerators.anyCase(random, "Digest")).append(' ');
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                header.append(ows(random)).append(random.nextInt(6) == 0 ? ", ," : ",").append(ows(random));
            }
            header.append(parameters.get(i));
        }
        return header.append(random.nextInt(6) == 0 ? " ," : "").append(ows(random)).toString();
    }

    /** The value as a quoted-string of UTF-8 octets, escaping '"' and '\' and, at random, any other octet. */
    static String quoted(Random random, String value) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char octet = (char) (b & 0xff);
            if (octet == '"' || octet == '\\' || random.nextInt(10) == 0) {
                out.append('\\');
            }
            out.append(octet);
        }
        return out.append('"').toString();
    }

    /** RFC 8187 §3.2.1 ext-value: {@code UTF-8'lang'} and the percent-encoded octets, attr-chars encoded at random. */
    static String extValue(Random random, String value) {
        StringBuilder out = new StringBuilder(DigestGenerators.anyCase(random, "utf-8")).append('\'')
                .append(random.nextBoolean() ? "" : random.nextBoolean() ? "en" : "de-CH").append('\'');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char octet = (char) (b & 0xff);
            if (ATTR_CHAR.indexOf(octet) >= 0 && random.nextInt(4) != 0) {
                out.append(octet);
            } else {
                String hex = String.format("%%%02X", b & 0xff);
                out.append(random.nextBoolean() ? hex : hex.toLowerCase());
            }
        }
        return out.toString();
    }

    /**
     * The parameters of a header the server wrote ({@code WWW-Authenticate} after its scheme, {@code
     * Authentication-Info}): names in lowercase, values unquoted; a duplicate name or a syntax error fails.
     */
    static Map<String, String> readParameters(String list) {
        Map<String, String> parameters = new HashMap<>();
        int i = 0;
        while (i < list.length()) {
            int equals = list.indexOf('=', i);
            String name = list.substring(i, equals).toLowerCase();
            if (name.isEmpty() || !name.chars().allMatch(c -> TCHAR.indexOf(c) >= 0)) {
                throw new AssertionError("not a token: " + name);
            }
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (list.charAt(i) == '"') {
                for (i++; list.charAt(i) != '"'; i++) {
                    value.append(list.charAt(i) == '\\' ? list.charAt(++i) : list.charAt(i));
                }
                i++;
            } else {
                while (i < list.length() && TCHAR.indexOf(list.charAt(i)) >= 0) {
                    value.append(list.charAt(i++));
                }
            }
            if (parameters.put(name, value.toString()) != null) {
                throw new AssertionError("duplicate parameter " + name);
            }
            if (i < list.length()) {
                if (!list.startsWith(", ", i)) {
                    throw new AssertionError("expected ', ' at " + i + " of " + list);
                }
                i += 2;
            }
        }
        return parameters;
    }

    private static String value(Random random, String value) {
        boolean token = !value.isEmpty() && value.chars().allMatch(c -> TCHAR.indexOf(c) >= 0);
        return token && random.nextBoolean() ? value : quoted(random, value);
    }

    /** The parameter name in any case and its "=", with OWS around it (RFC 7235 §2.1 BWS). */
    private static String name(Random random, String name) {
        return DigestGenerators.anyCase(random, name) + ows(random) + "=" + ows(random);
    }

    private static String ows(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\t";
            case 2 -> "  \t";
            default -> "";
        };
    }
}
