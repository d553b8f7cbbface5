package io.authbridge.hmac;

/**
 * The ids HMAC API keys are known by in realm JSON and the admin console. Here, not in the factories, so the
 * endpoint, the settings lookup and the client authenticator name them without depending on each other.
 */
public final class HmacProviderIds {

    /** Client authenticator: the API key signs each request with HMAC-SHA256 of the client secret. */
    public static final String CLIENT_AUTHENTICATOR = "client-hmac-signature";
    /** Realm resource: {@code /realms/{realm}/api-key/login/session}. */
    public static final String ENDPOINT = "api-key";

    private HmacProviderIds() {
    }
}
