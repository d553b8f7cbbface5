package io.authbridge.exchange;

import io.authbridge.common.FailedCheck;
import io.authbridge.common.compat.KeycloakContexts;
import io.authbridge.common.compat.KeycloakNames;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.util.DefaultClientSessionContext;
import org.keycloak.services.util.MtlsHoKTokenUtil;
import org.keycloak.util.TokenUtil;

/**
 * Tokens for a user session the caller already has — the one its SSO cookie names — the part of the exchange that
 * Keycloak has no grant for. Everything else (the client's authentication, client policies, the cookie's
 * verification) the exchange leaves to Keycloak. What is here follows Keycloak's own code, which it names: the
 * client session as {@code TokenManager.attachAuthenticationSession} leaves it at the end of a login, the tokens as
 * Keycloak's grants build them with {@code TokenManager.responseBuilder}.
 */
final class SsoSessionTokens {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientModel client;
    private final EventBuilder event;
    private final TokenManager tokenManager = new TokenManager();

    /**
     * @param event the request's event; user, session and token ids are added to it
     */
    SsoSessionTokens(KeycloakSession session, RealmModel realm, ClientModel client, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.client = client;
        this.event = event;
    }

    /** Whether {@code scope} (may be null) names only client scopes this client may request, as Keycloak's grants check. */
    boolean isValidScope(String scope) {
        return TokenManager.isValidScope(session, scope, client, null);
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
    ClientSessionContext attachClientSession(UserSessionModel userSession, String scope, int levelOfAuthentication) {
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
        KeycloakContexts.setUserSession(session, userSession);
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
     * @throws ErrorResponseException 400 when the client binds tokens to a TLS client certificate and none was sent
     */
    AccessTokenResponse mint(UserSessionModel userSession, ClientSessionContext clientSessionCtx, String grantType) {
        if (grantType != null) {
            clientSessionCtx.setAttribute(KeycloakNames.GRANT_TYPE_ATTRIBUTE, grantType);
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
                FailedCheck.REQUEST.on(event).detail(Details.REASON, description).error(Errors.INVALID_REQUEST);
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
        return builder.build();
    }

    private String issuer() {
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }
}
