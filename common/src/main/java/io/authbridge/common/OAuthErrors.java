package io.authbridge.common;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * OAuth-style JSON error responses (RFC 6749 §5.2) for every AuthBridge endpoint:
 * {@code {"error":"…","error_description":"…"}} with {@code Cache-Control: no-store} and {@code Pragma: no-cache},
 * optionally with extra headers such as {@code WWW-Authenticate}.
 * <p>
 * The body is written here rather than by Keycloak's JSON provider, so it is the same bytes on every Keycloak
 * version and can be compared byte for byte (an unknown user and a wrong password must look the same).
 */
public final class OAuthErrors {

    public static final String NO_STORE = "no-store";
    public static final String NO_CACHE = "no-cache";
    /** Keycloak's description of every client-authentication failure, so ours reveal no more than its own. */
    public static final String INVALID_CLIENT_DESCRIPTION = "Invalid client or Invalid client credentials";

    private OAuthErrors() {
    }

    /** A ready response; {@code description} may be null (then the field is left out). */
    public static Response response(Response.StatusType status, String error, String description) {
        return builder(status.getStatusCode(), error, description).build();
    }

    public static Response response(int status, String error, String description) {
        return builder(status, error, description).build();
    }

    /** A response with extra headers, e.g. {@code WWW-Authenticate} with one value per challenge. */
    public static Response response(int status, String error, String description,
                                    Map<String, ? extends Collection<String>> headers) {
        Response.ResponseBuilder builder = builder(status, error, description);
        headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return builder.build();
    }

    /** The builder, for callers that add headers of their own. */
    public static Response.ResponseBuilder builder(int status, String error, String description) {
        return noStore(Response.status(status))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json(error, description).getBytes(StandardCharsets.UTF_8));
    }

    /** For code paths that can only throw: JAX-RS returns the response as it is. */
    public static WebApplicationException exception(int status, String error, String description) {
        return new WebApplicationException(response(status, error, description));
    }

    /** Adds {@code Cache-Control: no-store} and {@code Pragma: no-cache}, as RFC 6749 §5.1 asks for token responses. */
    public static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.CACHE_CONTROL, NO_STORE).header("Pragma", NO_CACHE);
    }

    /** The JSON body; {@code error} is required, a null {@code description} is left out. */
    public static String json(String error, String description) {
        if (error == null || error.isEmpty()) {
            throw new IllegalArgumentException("error is required");
        }
        StringBuilder json = new StringBuilder(64).append("{\"error\":");
        quote(error, json);
        if (description != null) {
            json.append(",\"error_description\":");
            quote(description, json);
        }
        return json.append('}').toString();
    }

    /** Appends {@code value} as a JSON string literal (RFC 8259 §7). */
    static void quote(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isSurrogate(c) && !isValidSurrogatePair(value, i)) {
                        out.append("\\ufffd"); // a lone surrogate has no UTF-8 encoding
                    } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<') {
                        // Control characters must be escaped; U+2028/2029 and '<' too, so that the body is also safe
                        // to embed in JavaScript or HTML.
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A lone surrogate cannot be encoded in UTF-8; it is replaced by U+FFFD. */
    private static boolean isValidSurrogatePair(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
