package io.authbridge.common;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.services.util.DefaultClientSessionContext;
import org.keycloak.services.util.MtlsHoKTokenUtil;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;
import org.keycloak.util.TokenUtil;

/**
 * Keycloak user sessions and OAuth tokens for AuthBridge endpoints, made the way Keycloak makes them for its own
 * logins and grants (the password grant, {@code ClientCredentialsGrantType}, the standard token exchange):
 * <ol>
 * <li>{@link #startLogin}: an authentication session for the client, with the verified user in it;</li>
 * <li>{@link Login#complete()}: the user session (a new one, or the caller's own SSO session of the same user) and
 * the client session — {@code TokenManager.attachAuthenticationSession};</li>
 * <li>{@link #mint}: the standard token response — access token, refresh token where the client uses them, ID token
 * when the scope has {@code openid};</li>
 * <li>{@link #setSsoCookies}: Keycloak's own {@code KEYCLOAK_IDENTITY} / {@code KEYCLOAK_SESSION} cookies, so the
 * caller is logged in by cookie afterwards (browser SSO, cookie-to-token exchange).</li>
 * </ol>
 * An endpoint that already has a user session (e.g. from the SSO cookie) skips the login and uses
 * {@link #attachClientSession} before {@link #mint}.
 * <p>
 * Nothing here verifies credentials, checks the client's permissions or triggers request-side client policies: the
 * caller does that first, and records {@code event.success()} or {@code event.error(…)} at the end.
 */
public final class UserSessionTokens {

    /** User-session note: the AuthBridge method that logged the user in (e.g. {@code http-digest}). */
    public static final String AUTH_METHOD_NOTE = "authbridge.auth_method";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientModel client;
    private final EventBuilder event;
    private final TokenManager tokenManager = new TokenManager();

    /**
     * @param event the request's event (type LOGIN, CODE_TO_TOKEN, …); user, session and token ids are added to it
     */
    public UserSessionTokens(KeycloakSession session, RealmModel realm, ClientModel client, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.client = client;
        this.event = event;
    }

    /** Whether {@code scope} (may be null) names only client scopes this client may request, as Keycloak's grants check. */
    public boolean isValidScope(String scope) {
        return TokenManager.isValidScope(session, scope, client);
    }

    /**
     * Step 1 of a login: an authentication session for the client (not bound to a browser cookie) in which
     * {@code user} is authenticated. Finish with {@link Login#complete()} or {@link Login#cancel()}.
     *
     * @param loginUsername what the user typed (username or e-mail), kept in the user session like Keycloak does
     * @param scope         the requested {@code scope} parameter (may be null)
     * @param authMethod    the AuthBridge method that verified the user (event detail and user-session note)
     */
    public Login startLogin(UserModel user, String loginUsername, String scope, String authMethod) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
        AuthenticationSessionModel authSession = root.createAuthenticationSession(client);
        prepare(authSession, scope);
        authSession.setAuthenticatedUser(user);
        authSession.setAction(AuthenticatedClientSessionModel.Action.AUTHENTICATE.name());
        session.getContext().setAuthenticationSession(authSession);
        event.user(user).detail(Details.USERNAME, loginUsername).detail(Details.AUTH_METHOD, authMethod);
        return new Login(authSession, user, loginUsername, authMethod);
    }

    /**
     * A client session for this client in an existing, valid user session (for example the one named by the caller's
     * SSO cookie), with the requested scope — what {@code TokenManager.attachAuthenticationSession} does at the end of
     * a login, without the authentication session a login needs. A valid client session of this client is kept and
     * only what changed is written: with persistent user sessions each write locks the client session's database row.
     *
     * @param scope                 the requested {@code scope} parameter (may be null: the client's default scopes)
     * @param levelOfAuthentication the client session's level of authentication ({@code acr}), or
     *                              {@link Constants#NO_LOA}
     */
    public ClientSessionContext attachClientSession(UserSessionModel userSession, String scope, int levelOfAuthentication) {
        AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
        if (clientSession == null) {
            clientSession = session.sessions().createClientSession(realm, client, userSession);
        } else if (!AuthenticationManager.isClientSessionValid(realm, client, userSession, clientSession)) {
            clientSession.restartClientSession();
        }
        if (!OIDCLoginProtocol.LOGIN_PROTOCOL.equals(clientSession.getProtocol())) {
            clientSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        }
        setNoteIfChanged(clientSession, OIDCLoginProtocol.ISSUER, issuer());
        setNoteIfChanged(clientSession, OAuth2Constants.SCOPE, scope);
        setNoteIfChanged(clientSession, Constants.LEVEL_OF_AUTHENTICATION, String.valueOf(levelOfAuthentication));
        clientSession.setTimestamp(userSession.getLastSessionRefresh()); // written only when later than the stored one
        session.getContext().setUserSession(userSession);
        event.user(userSession.getUser()).session(userSession);
        return DefaultClientSessionContext.fromClientSessionAndScopeParameter(clientSession, scope, session);
    }

    private static void setNoteIfChanged(AuthenticatedClientSessionModel clientSession, String name, String value) {
        String current = clientSession.getNote(name);
        if (value == null && current != null) {
            clientSession.removeNote(name);
        } else if (value != null && !value.equals(current)) {
            clientSession.setNote(name, value);
        }
    }

    /**
     * Mints the standard token response for the client session: an access token; a refresh token unless the client
     * turned them off ({@code use.refresh.tokens}); an ID token (with {@code at_hash}) when the scope has
     * {@code openid}. Token ids go into the event.
     *
     * @param grantType      recorded in the token context (a registered grant type such as {@code password}), or
     *                       null when no grant type fits
     * @param responsePolicy the client-policy event to trigger on the finished builder (e.g.
     *                       {@code ResourceOwnerPasswordCredentialsResponseContext}), or null
     * @throws ClientPolicyException a client policy refused the response
     * @throws ErrorResponseException 400 when the client binds tokens to a TLS client certificate and none was sent
     */
    public AccessTokenResponse mint(UserSessionModel userSession, ClientSessionContext clientSessionCtx, String grantType,
                                    ResponsePolicy responsePolicy) throws ClientPolicyException {
        if (grantType != null) {
            clientSessionCtx.setAttribute(Constants.GRANT_TYPE, grantType);
        }
        OIDCAdvancedConfigWrapper clientConfig = OIDCAdvancedConfigWrapper.fromClientModel(client);
        TokenManager.AccessTokenResponseBuilder builder = tokenManager
                .responseBuilder(realm, client, event, session, userSession, clientSessionCtx)
                .generateAccessToken();
        boolean refreshTokens = clientConfig.isUseRefreshToken();
        if (refreshTokens) {
            builder.generateRefreshToken();
        }
        if (clientConfig.isUseMtlsHokToken()) {
            AccessToken.Confirmation confirmation =
                    MtlsHoKTokenUtil.bindTokenWithClientCertificate(session.getContext().getHttpRequest(), session);
            if (confirmation == null) {
                String description = "Client Certification missing for MTLS HoK Token Binding";
                event.detail(Details.REASON, description).error(Errors.INVALID_REQUEST);
                throw new ErrorResponseException(OAuthErrorException.INVALID_REQUEST, description, Response.Status.BAD_REQUEST);
            }
            builder.getAccessToken().setConfirmation(confirmation);
            if (refreshTokens) {
                builder.getRefreshToken().setConfirmation(confirmation);
            }
        }
        String scope = clientSessionCtx.getClientSession().getNote(OAuth2Constants.SCOPE);
        if (TokenUtil.isOIDCRequest(scope)) {
            builder.generateIDToken().generateAccessTokenHash();
        }
        if (responsePolicy != null) {
            session.clientPolicy().triggerOnEvent(responsePolicy.contextFor(builder, clientSessionCtx));
        }
        return builder.build();
    }

    /**
     * Sets Keycloak's SSO cookies ({@code KEYCLOAK_IDENTITY}, {@code KEYCLOAK_SESSION}, path {@code /realms/{realm}/})
     * for the user session on the current response, exactly as Keycloak's browser login does.
     */
    public void setSsoCookies(UserSessionModel userSession) {
        AuthenticationManager.createLoginCookie(session, realm, userSession.getUser(), userSession,
                session.getContext().getUri(), session.getContext().getConnection());
    }

    /** The token response as the exact JSON bytes sent (callers that sign or hash the body need them). */
    public static byte[] json(AccessTokenResponse response) {
        try {
            return JsonSerialization.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 200 with the token JSON, {@code Cache-Control: no-store}, {@code Pragma: no-cache}. */
    public static Response.ResponseBuilder ok(byte[] json) {
        return OAuthErrors.noStore(Response.ok(json, MediaType.APPLICATION_JSON_TYPE));
    }

    private void prepare(AuthenticationSessionModel authSession, String scope) {
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setClientNote(OIDCLoginProtocol.ISSUER, issuer());
        if (scope != null) {
            authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, scope);
        }
    }

    private String issuer() {
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }

    /** The client-policy context to trigger once the tokens are generated but not yet encoded. */
    @FunctionalInterface
    public interface ResponsePolicy {
        ClientPolicyContext contextFor(TokenManager.AccessTokenResponseBuilder builder, ClientSessionContext clientSessionCtx);
    }

    /** The result of a completed login. */
    public record Session(UserSessionModel userSession, ClientSessionContext clientSessionContext, boolean reused) {
    }

    /** A login between the verified credentials and the user session. */
    public final class Login {

        private final AuthenticationSessionModel authSession;
        private final UserModel user;
        private final String loginUsername;
        private final String authMethod;

        private Login(AuthenticationSessionModel authSession, UserModel user, String loginUsername, String authMethod) {
            this.authSession = authSession;
            this.user = user;
            this.loginUsername = loginUsername;
            this.authMethod = authMethod;
        }

        public AuthenticationSessionModel authenticationSession() {
            return authSession;
        }

        /**
         * Runs the required actions' triggers (password expiry, terms, …) like Keycloak's password grant and tells
         * whether the user must still complete an action — something only a browser login can do.
         */
        public boolean requiresActions() {
            AuthenticationManager.evaluateRequiredActionTriggers(session, authSession, session.getContext().getHttpRequest(),
                    event, realm, user);
            return user.getRequiredActionsStream().findAny().isPresent() || !authSession.getRequiredActions().isEmpty();
        }

        /** Drops the authentication session: the login ends here. */
        public void cancel() {
            new AuthenticationSessionManager(session).removeAuthenticationSession(realm, authSession, false);
        }

        /**
         * The user session and this client's session in it. The caller's SSO session is reused when the request
         * carries a valid {@code KEYCLOAK_IDENTITY} cookie of the same user; a valid cookie of another user is logged
         * out, as Keycloak does when another user logs in in the same browser.
         */
        public Session complete() {
            UserSessionModel userSession = null;
            AuthenticationManager.AuthResult cookie = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
            if (cookie != null && cookie.session() != null) {
                if (cookie.user() != null && cookie.user().getId().equals(user.getId())) {
                    userSession = cookie.session();
                } else {
                    event.detail(Details.EXISTING_USER, cookie.session().getUser().getId());
                    session.sessions().removeUserSession(realm, cookie.session());
                }
            }
            boolean reused = userSession != null;
            if (!reused) {
                userSession = new UserSessionManager(session).createUserSession(authSession.getParentSession().getId(), realm,
                        user, loginUsername, session.getContext().getConnection().getRemoteHost(),
                        OIDCLoginProtocol.LOGIN_PROTOCOL, false, null, null, UserSessionModel.SessionPersistenceState.PERSISTENT);
            }
            userSession.setState(UserSessionModel.State.LOGGED_IN);
            // The user authenticated just now: auth_time is now, as after a browser login that was not SSO.
            userSession.setNote(AuthenticationManager.AUTH_TIME, String.valueOf(Time.currentTime()));
            if (authMethod != null) {
                userSession.setNote(AUTH_METHOD_NOTE, authMethod);
            }
            session.getContext().setUserSession(userSession);

            AuthenticationManager.setClientScopesInSession(session, authSession);
            ClientSessionContext clientSessionCtx = TokenManager.attachAuthenticationSession(session, userSession, authSession);
            event.user(user).detail(Details.USERNAME, loginUsername).session(userSession);
            return new Session(userSession, clientSessionCtx, reused);
        }
    }
}
