package io.authbridge.digest.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static io.authbridge.digest.core.HttpSyntax.equalsIgnoreAsciiCase;
import static io.authbridge.digest.core.HttpSyntax.hexValue;
import static io.authbridge.digest.core.HttpSyntax.isAsciiLetterOrDigit;
import static io.authbridge.digest.core.HttpSyntax.isHex;
import static io.authbridge.digest.core.HttpSyntax.isTchar;
import static io.authbridge.digest.core.HttpSyntax.isWhitespace;
import static io.authbridge.digest.core.HttpSyntax.toLowerAscii;

/**
 * Reads the value of an {@code Authorization: Digest ...} header (RFC 7616 §3.4, RFC 7235 §2.1 auth-params).
 * <p>
 * The value is expected as HTTP servers hand it over: one char per octet (ISO-8859-1), which is how Netty/Vert.x
 * and servlet containers decode header bytes. Quoted strings are then read as UTF-8 octets (RFC 7616 §4), so a
 * user name a client sent as raw UTF-8 comes out right, and hashing it again as UTF-8 gives back the client's octets.
 * <p>
 * Whatever the input, {@link #parse} returns or throws {@link DigestParseException}, nothing else.
 */
public final class DigestAuthorizationParser {

    /** Longer values are refused unread; real Digest credentials are a few hundred characters. */
    public static final int MAX_HEADER_LENGTH = 4096;

    private static final String SCHEME = "Digest";

    /** The parameters a message may name; anything else the client sent is never repeated back. */
    private static final Set<String> KNOWN_PARAMETERS = Set.of("username", "username*", "realm", "nonce", "uri",
            "response", "algorithm", "cnonce", "opaque", "qop", "nc", "userhash");

    /** attr-char of RFC 8187 §3.2.1 besides letters and digits. */
    private static final String ATTR_CHAR_SYMBOLS = "!#$&+-.^_`|~";

    private DigestAuthorizationParser() {
    }

    /**
     * Whether the header is meant for Digest at all, so that another scheme (Basic, Bearer) can be left to other
     * authenticators instead of being refused as malformed Digest.
     */
    public static boolean isDigest(String headerValue) {
        if (headerValue == null) {
            return false;
        }
        int start = skipWhitespace(headerValue, 0);
        int end = start + SCHEME.length();
        return end <= headerValue.length()
                && equalsIgnoreAsciiCase(headerValue.substring(start, end), SCHEME)
                && (end == headerValue.length() || isWhitespace(headerValue.charAt(end)));
    }

    /**
     * @param headerValue the {@code Authorization} header value, including the scheme name
     * @throws DigestParseException when the value is missing, too long, not Digest, malformed, or lacks a parameter
     */
    public static DigestAuthorization parse(String headerValue) throws DigestParseException {
        if (headerValue == null || headerValue.isEmpty()) {
            throw new DigestParseException("missing Digest credentials");
        }
        if (headerValue.length() > MAX_HEADER_LENGTH) {
            throw new DigestParseException("Authorization header longer than " + MAX_HEADER_LENGTH + " characters");
        }
        for (int i = 0; i < headerValue.length(); i++) {
            char c = headerValue.charAt(i);
            // Field content is HTAB, SP, VCHAR and obs-text octets (RFC 7230 §3.2); a char above 0xFF is no octet.
            if (c > 0xFF || c == 0x7F || (c < 0x20 && c != '\t')) {
                throw new DigestParseException("illegal character in Authorization header");
            }
        }
        if (!isDigest(headerValue)) {
            throw new DigestParseException("not a Digest authorization");
        }
        int afterScheme = skipWhitespace(headerValue, 0) + SCHEME.length();
        return toAuthorization(new ParameterReader(headerValue, afterScheme).readAll());
    }

    private static DigestAuthorization toAuthorization(Map<String, Parameter> parameters) throws DigestParseException {
        DigestAlgorithm algorithm = DigestAlgorithm.MD5;
        Parameter algorithmParameter = parameters.get("algorithm");
        if (algorithmParameter != null) {
            algorithm = DigestAlgorithm.fromToken(algorithmParameter.value())
                    .orElseThrow(() -> new DigestParseException("unsupported algorithm"));
        }
        boolean userhash = readUserhash(parameters.get("userhash"));
        String username = readUsername(parameters, userhash, algorithm);
        String realm = required(parameters, "realm");
        String nonce = required(parameters, "nonce");
        String uri = required(parameters, "uri");
        String response = required(parameters, "response");
        if (!isHex(response, algorithm.hexLength())) {
            throw new DigestParseException("response must be " + algorithm.hexLength() + " hex digits for " + algorithm);
        }

        DigestQop qop = null;
        String cnonce = null;
        String nc = null;
        Parameter qopParameter = parameters.get("qop");
        if (qopParameter != null) {
            qop = DigestQop.fromToken(qopParameter.value()).orElseThrow(() -> new DigestParseException("unsupported qop"));
            cnonce = required(parameters, "cnonce");
            if (!isPrintableAscii(cnonce)) {
                // It is echoed in Authentication-Info, where only ASCII is safe.
                throw new DigestParseException("cnonce must be printable ASCII");
            }
            nc = required(parameters, "nc");
            if (!isHex(nc, 8)) {
                throw new DigestParseException("nc must be 8 hex digits");
            }
        } else if (parameters.containsKey("cnonce") || parameters.containsKey("nc")) {
            throw new DigestParseException("cnonce and nc are only allowed with qop");
        } else if (algorithm.isSession()) {
            // HA1 of a -sess algorithm includes the cnonce (RFC 7616 §3.4.2), which comes only with qop.
            throw new DigestParseException(algorithm + " requires qop");
        }
        Parameter opaque = parameters.get("opaque");
        return new DigestAuthorization(username, userhash, realm, nonce, uri, toLowerAscii(response), algorithm,
                qop, cnonce, nc, opaque == null ? null : opaque.value());
    }

    private static boolean readUserhash(Parameter userhash) throws DigestParseException {
        if (userhash == null || equalsIgnoreAsciiCase(userhash.value(), "false")) {
            return false;
        }
        if (equalsIgnoreAsciiCase(userhash.value(), "true")) {
            return true;
        }
        throw new DigestParseException("userhash must be true or false");
    }

    /** RFC 7616 §3.4: {@code username} or the RFC 8187 {@code username*}, never both; §3.4.4 for the hashed form. */
    private static String readUsername(Map<String, Parameter> parameters, boolean userhash, DigestAlgorithm algorithm)
            throws DigestParseException {
        Parameter plain = parameters.get("username");
        Parameter extended = parameters.get("username*");
        if (plain != null && extended != null) {
            throw new DigestParseException("username and username* must not both be given");
        }
        String username;
        if (extended != null) {
            if (userhash) {
                // A userhash is hex, which never needs the extended notation.
                throw new DigestParseException("username* cannot carry a userhash");
            }
            if (extended.quoted()) {
                throw new DigestParseException("username* must not be quoted");
            }
            username = decodeExtValue(extended.value());
        } else {
            username = required(parameters, "username");
        }
        if (username.isEmpty()) {
            throw new DigestParseException("empty parameter 'username'");
        }
        for (int i = 0; i < username.length(); i++) {
            char c = username.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                throw new DigestParseException("username contains control characters");
            }
        }
        if (userhash) {
            if (!isHex(username, algorithm.hexLength())) {
                throw new DigestParseException("a hashed username must be " + algorithm.hexLength() + " hex digits for "
                        + algorithm);
            }
            return toLowerAscii(username);
        }
        return username;
    }

    /** RFC 8187 §3.2.1 ext-value, UTF-8 only (RFC 7616 §3.4 allows no other charset for username*). */
    private static String decodeExtValue(String value) throws DigestParseException {
        int charsetEnd = value.indexOf('\'');
        int languageEnd = charsetEnd < 0 ? -1 : value.indexOf('\'', charsetEnd + 1);
        if (languageEnd < 0) {
            throw new DigestParseException("username* must be charset'language'value");
        }
        if (!equalsIgnoreAsciiCase(value.substring(0, charsetEnd), "UTF-8")) {
            throw new DigestParseException("username* must use the UTF-8 charset");
        }
        for (int i = charsetEnd + 1; i < languageEnd; i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '-') {
                throw new DigestParseException("username* has an invalid language tag");
            }
        }
        byte[] octets = new byte[value.length()];
        int length = 0;
        for (int i = languageEnd + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int high = i + 2 < value.length() ? hexValue(value.charAt(i + 1)) : -1;
                int low = i + 2 < value.length() ? hexValue(value.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw new DigestParseException("username* has an invalid percent-encoding");
                }
                octets[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (isAsciiLetterOrDigit(c) || ATTR_CHAR_SYMBOLS.indexOf(c) >= 0) {
                octets[length++] = (byte) c;
            } else {
                throw new DigestParseException("username* has a character that must be percent-encoded");
            }
        }
        return decodeUtf8(octets, length, "username* is not valid UTF-8");
    }

    private static String required(Map<String, Parameter> parameters, String name) throws DigestParseException {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new DigestParseException("missing parameter '" + name + "'");
        }
        if (parameter.value().isEmpty()) {
            throw new DigestParseException("empty parameter '" + name + "'");
        }
        return parameter.value();
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String decodeUtf8(byte[] octets, int length, String error) throws DigestParseException {
        try {
            // Strict: a malformed sequence is an error, not a U+FFFD that could make two user names equal.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DigestParseException(error);
        }
    }

    private static int skipWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A parameter value, unescaped; {@code quoted} tells the two syntaxes apart where RFC 8187 cares. */
    private record Parameter(String value, boolean quoted) {
    }

    /**
     * The {@code #auth-param} list after the scheme (RFC 7235 §2.1, RFC 7230 §7): OWS around "=" and ",",
     * empty list elements skipped, names case-insensitive, each name at most once.
     */
    private static final class ParameterReader {

        private final String input;
        private int position;

        ParameterReader(String input, int position) {
            this.input = input;
            this.position = position;
        }

        Map<String, Parameter> readAll() throws DigestParseException {
            Map<String, Parameter> parameters = new HashMap<>();
            while (true) {
                skipWhitespace();
                if (atEnd()) {
                    return parameters;
                }
                if (peek() == ',') {
                    position++;
                    continue;
                }
                String name = toLowerAscii(token());
                if (name.isEmpty()) {
                    throw new DigestParseException("malformed parameter list");
                }
                skipWhitespace();
                if (atEnd() || peek() != '=') {
                    throw new DigestParseException("parameter without value");
                }
                position++;
                skipWhitespace();
                Parameter value = readValue();
                skipWhitespace();
                if (!atEnd() && peek() != ',') {
                    throw new DigestParseException("malformed parameter list");
                }
                if (parameters.putIfAbsent(name, value) != null) {
                    throw new DigestParseException(KNOWN_PARAMETERS.contains(name)
                            ? "duplicate parameter '" + name + "'"
                            : "duplicate parameter");
                }
            }
        }

        private Parameter readValue() throws DigestParseException {
            if (!atEnd() && peek() == '"') {
                return new Parameter(quotedString(), true);
            }
            String token = token();
            if (token.isEmpty()) {
                throw new DigestParseException("malformed parameter value");
            }
            return new Parameter(token, false);
        }

        private String token() {
            int start = position;
            while (!atEnd() && isTchar(peek())) {
                position++;
            }
            return input.substring(start, position);
        }

        /** RFC 7230 §3.2.6 quoted-string; the octets inside are UTF-8 (RFC 7616 §4). */
        private String quotedString() throws DigestParseException {
            position++;
            byte[] octets = new byte[input.length() - position];
            int length = 0;
            while (true) {
                if (atEnd()) {
                    throw new DigestParseException("unterminated quoted string");
                }
                char c = input.charAt(position++);
                if (c == '"') {
                    return decodeUtf8(octets, length, "quoted string is not valid UTF-8");
                }
                if (c == '\\') {
                    if (atEnd()) {
                        throw new DigestParseException("unterminated quoted string");
                    }
                    c = input.charAt(position++);
                }
                // Every char is an octet that a quoted-string may hold: parse() refused the others up front.
                octets[length++] = (byte) c;
            }
        }

        private void skipWhitespace() {
            position = DigestAuthorizationParser.skipWhitespace(input, position);
        }

        private boolean atEnd() {
            return position >= input.length();
        }

        private char peek() {
            return input.charAt(position);
        }
    }
}
