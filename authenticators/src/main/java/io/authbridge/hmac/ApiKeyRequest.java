package io.authbridge.hmac;

/**
 * One API-key request as both endpoints see it.
 *
 * @param apiKey        {@code x-authentication-api-key}
 * @param signature     {@code x-authentication-signature}
 * @param tenant        {@code x-multitenant-external-id}, or null
 * @param timestamp     the timestamp's digits: from the JSON body (legacy endpoint) or the
 *                      {@code x-authentication-timestamp} header (token endpoint)
 * @param method        the HTTP method
 * @param path          the request path as received, without the query (strict mode)
 * @param jsonBody      the JSON body as received (legacy endpoint), or null (token endpoint)
 * @param bodySha256Hex SHA-256 of the body as sent (legacy endpoint) or of the canonical form (token endpoint)
 */
public record ApiKeyRequest(String apiKey, String signature, String tenant, String timestamp, String method,
                            String path, String jsonBody, String bodySha256Hex) {

    /** Never prints the signature: a valid one may still be unused. */
    @Override
    public String toString() {
        return "ApiKeyRequest[apiKey=" + apiKey + ", tenant=" + tenant + ", timestamp=" + timestamp + ", " + method + " " + path + "]";
    }
}
