package io.authbridge.hmac;

/** The legacy platform's request headers, used unchanged at both endpoints. */
public final class ApiKeyHeaders {

    /** The API key: the client_id of a confidential client. */
    public static final String API_KEY = "x-authentication-api-key";
    /** Hex HMAC-SHA256 of the signed message, keyed with the client secret. */
    public static final String SIGNATURE = "x-authentication-signature";
    /** The sub-account the key acts for. */
    public static final String TENANT = "x-multitenant-external-id";
    /** At the token endpoint only (its body is a form, not {@code {"timestamp":…}}): the timestamp in milliseconds. */
    public static final String TIMESTAMP = "x-authentication-timestamp";

    private ApiKeyHeaders() {
    }
}
