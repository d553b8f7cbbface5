package io.authbridge.exchange.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CORS response headers of the exchange, for one exact origin and always with credentials: the browser sends
 * the SSO cookie ({@code credentials: 'include'}) and must be allowed to read the answer — also an error, so the
 * app can tell {@code login_required} from a network failure.
 */
public final class CorsHeaders {

    /** The header every exchange request must carry; a custom header forces a CORS preflight on every browser call. */
    public static final String REQUIRED_REQUEST_HEADER = "X-AuthBridge-Cookie-Exchange";
    /** How long a browser may cache a preflight answer. */
    public static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    private CorsHeaders() {
    }

    /** Headers for the actual (POST) response. */
    public static Map<String, String> forResponse(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Allow-Credentials", "true");
        headers.put("Vary", "Origin");
        return headers;
    }

    /** Headers for the preflight (OPTIONS) response. */
    public static Map<String, String> forPreflight(String origin) {
        Map<String, String> headers = forResponse(origin);
        headers.put("Access-Control-Allow-Methods", "POST");
        headers.put("Access-Control-Allow-Headers", "Content-Type, Authorization, " + REQUIRED_REQUEST_HEADER);
        headers.put("Access-Control-Max-Age", String.valueOf(PREFLIGHT_MAX_AGE_SECONDS));
        return headers;
    }
}
