package io.authbridge.digest;

import java.util.Set;

import io.authbridge.digest.credential.DigestHa1CredentialModel;

/**
 * The ids HTTP Digest is known by in realm JSON and the admin console. Here, not in the factories, so that the
 * endpoint, the token endpoint's challenge, the settings lookup and the authenticators name each other without
 * depending on each other.
 */
public final class DigestProviderIds {

    /** Authenticator: a user logs in with HTTP Digest in a browser flow. */
    public static final String BROWSER_AUTHENTICATOR = "http-digest";
    /** Authenticator: a user logs in with HTTP Digest in a direct-grant flow (the token endpoint's password grant). */
    public static final String DIRECT_GRANT_AUTHENTICATOR = "direct-grant-http-digest";
    /**
     * The steps that log a user in with Digest in a direct-grant flow: the direct-grant step, and the browser step,
     * which realms set up before the two were separated still use there (it works on as the direct-grant step).
     */
    public static final Set<String> DIRECT_GRANT_STEPS = Set.of(DIRECT_GRANT_AUTHENTICATOR, BROWSER_AUTHENTICATOR);
    /** Authenticator: after a password step, stores the user's HA1 for the next Digest login. */
    public static final String ENROLL = "http-digest-enroll";
    /** Client authenticator: client_id and client secret over HTTP Digest. */
    public static final String CLIENT_AUTHENTICATOR = "client-http-digest";
    /**
     * Credential type: a user's HA1 hashes for one digest realm. Defined in the credential package, which therefore
     * needs nothing from this one (no package cycle).
     */
    public static final String CREDENTIAL = DigestHa1CredentialModel.TYPE;
    /** Required action: the user chooses a Digest password, stored as HA1 for the realm's Digest login. */
    public static final String PASSWORD_REQUIRED_ACTION = DigestHa1CredentialModel.SET_UP_ACTION;
    /** Realm resource: {@code /realms/{realm}/digest/login}. */
    public static final String ENDPOINT = "digest";
    /** Admin resource: {@code /admin/realms/{realm}/authbridge-digest/…}. */
    public static final String ADMIN_ENDPOINT = "authbridge-digest";
    /** The {@code auth_method} detail of Digest login events. */
    public static final String AUTH_METHOD = BROWSER_AUTHENTICATOR;

    private DigestProviderIds() {
    }
}
