package io.authbridge.common;

import org.keycloak.events.EventBuilder;

/**
 * Which AuthBridge check refused a request: the {@code authbridge_check} detail of every AuthBridge error event,
 * beside the free-text {@code reason}. A fixed vocabulary, so an admin can filter the console's <em>Events</em> or an
 * event listener can count refusals by check (README "Events").
 */
public enum FailedCheck {
    /** The request's shape: a missing or malformed header, parameter or body. */
    REQUEST("request"),
    /** The realm refuses the request: disabled, or HTTPS required. */
    REALM("realm"),
    /** The step's or the API key's settings are invalid (an admin must fix them). */
    SETTINGS("settings"),
    /** The named client: unknown, disabled, of another kind, or not the one another part of the request names. */
    CLIENT("client"),
    /** A client secret, or a Digest response computed from one. */
    CLIENT_SECRET("client-secret"),
    /** An API key's HMAC signature. */
    SIGNATURE("signature"),
    /** A signed timestamp outside its window. */
    TIMESTAMP("timestamp"),
    /** The tenant an API-key call acts for. */
    TENANT("tenant"),
    /** A Digest nonce: expired, or not issued by this realm. */
    NONCE("nonce"),
    /** A signature or Digest authorization that was already used. */
    REPLAY("replay"),
    /** Too many failures: the API key or the user is locked out. */
    LOCKOUT("lockout"),
    /** The user: unknown, disabled, a service account, or not the one identified by earlier steps. */
    USER("user"),
    /** A user's Digest response (the password). */
    PASSWORD("password"),
    /** The caller's address and the client's IP allow-list. */
    IP_ALLOWLIST("ip-allowlist"),
    /** The browser origin of a cookie exchange. */
    ORIGIN("origin"),
    /** The SSO session a cookie exchange needs. */
    SESSION("session"),
    /** The user's consent to the client's scopes, or the scopes asked for. */
    CONSENT("consent"),
    /** A client policy of the realm. */
    CLIENT_POLICY("client-policy");

    /** The event detail's name. */
    public static final String DETAIL = "authbridge_check";

    private final String value;

    FailedCheck(String value) {
        this.value = value;
    }

    /** Adds this check to the event; returns the event for chaining. */
    public EventBuilder on(EventBuilder event) {
        return event.detail(DETAIL, value);
    }
}
