package io.authbridge.digest;

import java.util.Optional;

import io.authbridge.digest.core.DigestAuthorization;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

/**
 * What the Digest login endpoint hands to the {@code http-digest} step of the direct-grant flow it runs through
 * Keycloak's password grant, and what the step hands back — kept on the request's {@code KeycloakSession} only, never
 * stored. The endpoint reads the raw body itself (so {@code qop=auth-int} can cover it) and writes the
 * {@code Authentication-Info} header over the exact token JSON it sends, so the step must get the one and give back
 * what the other needs.
 */
public final class DigestLoginRequest {

    private static final String ATTRIBUTE = DigestLoginRequest.class.getName();

    private final byte[] body;
    private final UserSessionModel ssoSession;
    private DigestAuthorization verifiedAuthorization;
    private String verifiedHa1;

    /**
     * @param body       the raw request body, for qop=auth-int
     * @param ssoSession the valid SSO session named by the request's {@code KEYCLOAK_IDENTITY} cookie, or null; the
     *                   step continues it when the same user logs in, as Keycloak's cookie step does in a browser
     */
    public DigestLoginRequest(byte[] body, UserSessionModel ssoSession) {
        this.body = body;
        this.ssoSession = ssoSession;
    }

    /** The request being handled by the Digest login endpoint, if this is one. */
    public static Optional<DigestLoginRequest> of(KeycloakSession session) {
        return Optional.ofNullable(session.getAttribute(ATTRIBUTE, DigestLoginRequest.class));
    }

    public void attachTo(KeycloakSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    public byte[] body() {
        return body;
    }

    public Optional<UserSessionModel> ssoSession() {
        return Optional.ofNullable(ssoSession);
    }

    public void verified(DigestAuthorization authorization, String ha1) {
        this.verifiedAuthorization = authorization;
        this.verifiedHa1 = ha1;
    }

    /** The verified header, once the step has accepted it. */
    public Optional<DigestAuthorization> verifiedAuthorization() {
        return Optional.ofNullable(verifiedAuthorization);
    }

    /** The HA1 the verified header was checked against (for {@code rspauth}). */
    public Optional<String> verifiedHa1() {
        return Optional.ofNullable(verifiedHa1);
    }
}
