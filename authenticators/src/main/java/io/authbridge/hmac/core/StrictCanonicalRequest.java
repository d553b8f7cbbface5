package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;

/**
 * The message a {@link SigningMode#STRICT} signature covers — the request, not just the timestamp, so a captured
 * signature cannot be replayed against another endpoint, for another tenant, or with another body:
 * <pre>
 * AUTHBRIDGE-HMAC-SHA256\n
 * &lt;timestamp in milliseconds&gt;\n
 * &lt;method, upper case&gt;\n
 * &lt;path as received, without the query&gt;\n
 * &lt;tenant (x-multitenant-external-id), or empty&gt;\n
 * &lt;lowercase hex SHA-256 of the body&gt;
 * </pre>
 * Lines are joined by a single line feed; there is no trailing line feed. The body hash is over the bytes sent (JSON
 * endpoint) or over the {@link FormCanonicalizer canonical form} (token endpoint).
 */
public final class StrictCanonicalRequest {

    public static final String SCHEME = "AUTHBRIDGE-HMAC-SHA256";

    private StrictCanonicalRequest() {
    }

    public static String of(String timestamp, String method, String path, String tenant, String bodySha256Hex) {
        return String.join("\n", SCHEME, timestamp, method.toUpperCase(java.util.Locale.ROOT), path,
                tenant == null ? "" : tenant, bodySha256Hex);
    }

    public static byte[] bytes(String timestamp, String method, String path, String tenant, String bodySha256Hex) {
        return of(timestamp, method, path, tenant, bodySha256Hex).getBytes(StandardCharsets.UTF_8);
    }
}
