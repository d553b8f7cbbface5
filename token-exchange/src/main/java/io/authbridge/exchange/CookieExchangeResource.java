package io.authbridge.exchange;

import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.authbridge.common.EndpointFailures;
import io.authbridge.common.FailedCheck;
import io.authbridge.common.KeycloakGrants;
import io.authbridge.common.OAuthErrors;
import io.authbridge.common.compat.ClientPolicyContexts;
import io.authbridge.common.compat.KeycloakNames;
import io.authbridge.exchange.core.CorsHeaders;
import io.authbridge.exchange.core.ExchangeOriginPolicy;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.cors.Cors;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.managers.UserConsentManager;
import org.keycloak.util.TokenUtil;

/**
 * {@code POST /realms/{realm}/cookie-exchange/token}: a user logged in by cookie (Keycloak's SSO cookie
 * {@code KEYCLOAK_IDENTITY}) gets tokens for a client without a new login — the legacy platform's "cookie–token
 * exchange". Checked in this order, each refusal an OAuth JSON error and an event:
 * <ol>
 * <li>{@code client_id} (form, or query string so that the CORS preflight can name the client too) names an
 * enabled OpenID Connect client (400 / 401 {@code invalid_client});</li>
 * <li>the client opted in (403 {@code unauthorized_client}): the client scope {@value #OPT_IN_CLIENT_SCOPE} is one
 * of its Default client scopes, or one of its Optional ones and requested in {@code scope} — set in the admin
 * console of every line — or, as before, its attribute {@value #ENABLED_ATTRIBUTE} is {@code true};</li>
 * <li>CSRF: the custom header {@value CorsHeaders#REQUIRED_REQUEST_HEADER} is present (400), and
 * {@link ExchangeOriginPolicy} accepts the {@code Origin} (403 {@code access_denied});</li>
 * <li>a confidential client authenticates as at the token endpoint, with any of the realm's client
 * authenticators (401 {@code invalid_client});</li>
 * <li>the requested scope is the client's (400 {@code invalid_scope});</li>
 * <li>the cookie names a valid user session — active, within its idle and max lifetimes — of an enabled user who is
 * not locked out (401 {@code login_required});</li>
 * <li>a client that requires consent has it for every requested scope shown on the consent screen (403
 * {@code consent_required});</li>
 * <li>client policies ({@code TOKEN_EXCHANGE_REQUEST}: this is an exchange of the cookie for tokens), e.g.
 * {@code ip-allowlist}.</li>
 * </ol>
 * Then a client session is attached to the user session and the standard token response is returned. The session's
 * level of authentication carries into the token's {@code acr}. Answers to an allowed browser origin carry CORS
 * headers for exactly that origin, errors included.
 */
public class CookieExchangeResource {

    /** The client scope whose assignment lets a client exchange: an admin assigns it in the console. */
    public static final String OPT_IN_CLIENT_SCOPE = "cookie-exchange";
    /** The older opt-in, a client attribute with no console field; still read. */
    public static final String ENABLED_ATTRIBUTE = "authbridge.cookie-exchange.enabled";
    /** The {@code subject_token_type} client policies see: what is exchanged is Keycloak's identity cookie. */
    public static final String COOKIE_TOKEN_TYPE = "urn:authbridge:params:oauth:token-type:keycloak-identity-cookie";
    static final String AUTH_METHOD = "cookie-exchange";
    private static final Logger LOG = Logger.getLogger(CookieExchangeResource.class);

    private final KeycloakSession session;

    public CookieExchangeResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The CORS preflight. A preflight has no body, so the client comes from the query string
     * ({@code …/cookie-exchange/token?client_id=spa}, the form an app uses from the browser); the origin must be one
     * of that client's Web Origins and the client must have opted in. Anything else gets 403 without CORS headers.
     */
    @OPTIONS
    @Path("token")
    public Response preflight() {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        String clientId = session.getContext().getUri().getQueryParameters().getFirst(OAuth2Constants.CLIENT_ID);
        ClientModel client = clientId == null ? null : session.clients().getClientByClientId(session.getContext().getRealm(), clientId);
        if (client == null || !client.isEnabled() || !optedIn(client, true)
                || !ExchangeOriginPolicy.isAllowedOrigin(origin, webOrigins(client))) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        Response.ResponseBuilder response = Response.noContent();
        CorsHeaders.forPreflight(origin).forEach(response::header);
        return response.build();
    }

    @POST
    @Path("token")
    public Response exchange() {
        Exchange exchange = new Exchange();
        try {
            return EndpointFailures.commitBeforeAnswering(session, exchange.run());
        } catch (WebApplicationException e) {
            // Keycloak's own answers (client authentication) and client-policy executors' (ip-allowlist: 403).
            throw new WebApplicationException(exchange.withCors(Response.fromResponse(e.getResponse())).build());
        } catch (RuntimeException e) {
            return exchange.withCors(EndpointFailures.unexpected(session, LOG, "Cookie exchange", e)).build();
        }
    }

    /** One request. */
    private final class Exchange {

        private final RealmModel realm = session.getContext().getRealm();
        private final EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.TOKEN_EXCHANGE)
                .detail(Details.AUTH_METHOD, AUTH_METHOD);
        private final String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        /** The origin to answer with CORS headers, once known to be one of the client's Web Origins. */
        private String corsOrigin;

        Response run() {
            MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
            String clientId = form.getFirst(OAuth2Constants.CLIENT_ID);
            String queryClientId = session.getContext().getUri().getQueryParameters().getFirst(OAuth2Constants.CLIENT_ID);
            if (clientId == null) {
                clientId = queryClientId;
            } else if (queryClientId != null && !queryClientId.equals(clientId)) {
                return fail(FailedCheck.REQUEST, 400, OAuthErrorException.INVALID_REQUEST, "client_id in the query and in the form differ", Errors.INVALID_REQUEST);
            }
            if (clientId == null || clientId.isBlank()) {
                return fail(FailedCheck.REQUEST, 400, OAuthErrorException.INVALID_REQUEST, "Missing parameter: client_id", Errors.INVALID_REQUEST);
            }
            event.client(clientId);
            ClientModel client = session.clients().getClientByClientId(realm, clientId);
            if (client == null || !client.isEnabled() || client.isBearerOnly()
                    || !OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol())) {
                return fail(FailedCheck.CLIENT, client == null ? "client not found" : "client disabled, bearer-only or not OpenID Connect",
                        401, OAuthErrorException.INVALID_CLIENT, OAuthErrors.INVALID_CLIENT_DESCRIPTION,
                        client == null ? Errors.CLIENT_NOT_FOUND : Errors.INVALID_CLIENT);
            }
            event.client(client);
            Set<String> webOrigins = webOrigins(client);
            if (ExchangeOriginPolicy.isAllowedOrigin(origin, webOrigins)) {
                corsOrigin = origin;
            }
            String scope = form.getFirst(OAuth2Constants.SCOPE);
            if (!optedIn(client, TokenUtil.hasScope(scope, OPT_IN_CLIENT_SCOPE))) {
                return fail(FailedCheck.CLIENT, 403, OAuthErrorException.UNAUTHORIZED_CLIENT, "This client is not enabled for the cookie exchange",
                        Errors.NOT_ALLOWED);
            }
            if (session.getContext().getRequestHeaders().getHeaderString(CorsHeaders.REQUIRED_REQUEST_HEADER) == null) {
                return fail(FailedCheck.REQUEST, 400, OAuthErrorException.INVALID_REQUEST, "The header " + CorsHeaders.REQUIRED_REQUEST_HEADER
                        + " is required", Errors.INVALID_REQUEST);
            }
            switch (ExchangeOriginPolicy.decide(origin, webOrigins, !client.isPublicClient())) {
                case ORIGIN_NOT_ALLOWED -> {
                    event.detail("origin", printable(origin));
                    return fail(FailedCheck.ORIGIN, 403, OAuthErrorException.ACCESS_DENIED, "This origin may not exchange cookies for this client",
                            Errors.NOT_ALLOWED);
                }
                case ORIGIN_REQUIRED -> {
                    return fail(FailedCheck.ORIGIN, 403, OAuthErrorException.ACCESS_DENIED,
                            "A public client must call from one of its Web Origins (Origin header)", Errors.NOT_ALLOWED);
                }
                case BROWSER_ORIGIN_ALLOWED, BACK_END_ALLOWED -> {
                }
            }
            if (!client.isPublicClient()) {
                // As at the token endpoint: the realm's client authentication flow (AuthBridge's authenticators
                // included); a failure is Keycloak's own 401, with the event recorded by it.
                AuthorizeClientUtil.ClientAuthResult authenticated = AuthorizeClientUtil.authorizeClient(session, event, null);
                if (!authenticated.getClient().getId().equals(client.getId())) {
                    return fail(FailedCheck.CLIENT, 400, OAuthErrorException.INVALID_REQUEST, "client_id does not match the authenticated client",
                            Errors.INVALID_CLIENT);
                }
            }
            session.getContext().setClient(client);

            SsoSessionTokens tokens = new SsoSessionTokens(session, realm, client, event);
            if (!tokens.isValidScope(scope)) {
                return fail(FailedCheck.CONSENT, 400, OAuthErrorException.INVALID_SCOPE, "Invalid scopes: " + scope, Errors.INVALID_REQUEST);
            }

            AuthenticationManager.AuthResult cookie = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
            if (cookie == null || cookie.getSession() == null || cookie.getUser() == null) {
                return fail(FailedCheck.SESSION, 401, "login_required", "No valid SSO session: the user must log in", Errors.USER_SESSION_NOT_FOUND);
            }
            UserSessionModel userSession = cookie.getSession();
            UserModel user = cookie.getUser();
            event.user(user).session(userSession).detail(Details.USERNAME, user.getUsername());
            Optional<String> refusal = userRefusal(user);
            if (refusal.isPresent()) {
                return fail(FailedCheck.USER, refusal.get(), 401, "login_required", "The user must log in again", refusal.get());
            }
            if (client.isConsentRequired() && !hasConsent(client, user, scope)) {
                return fail(FailedCheck.CONSENT, 403, "consent_required", "The user has not consented to this client's scopes",
                        Errors.CONSENT_DENIED);
            }

            ClientSessionContext clientSessionCtx = tokens.attachClientSession(userSession, scope,
                    sessionLevelOfAuthentication(userSession));
            try {
                Optional<ClientPolicyContext> policyEvent = ClientPolicyContexts.tokenExchangeRequest(new TokenExchangeContext(
                        session, policyParameters(clientId, scope), Cors.builder(), realm, event, client,
                        session.getContext().getConnection(), session.getContext().getRequestHeaders(), new TokenManager(),
                        new HashMap<>()));
                if (policyEvent.isPresent()) {
                    session.clientPolicy().triggerOnEvent(policyEvent.get());
                } else if (ClientPolicyContexts.hasEnabledPolicies(session, realm)) {
                    // Keycloak 26.0 raises no client-policy event for token exchange: rather than skip the realm's
                    // policies (ip-allowlist included), the exchange is refused while any policy is enabled.
                    session.getTransactionManager().setRollbackOnly();
                    return fail(FailedCheck.CLIENT_POLICY, "client_policies_unsupported", 400, OAuthErrorException.UNAUTHORIZED_CLIENT, "The cookie exchange cannot run while the "
                            + "realm has enabled client policies: this Keycloak version cannot apply them to it",
                            Errors.NOT_ALLOWED);
                }
                AccessTokenResponse response = tokens.mint(userSession, clientSessionCtx, OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE);
                event.success();
                return withCors(OAuthErrors.noStore(Response.ok(KeycloakGrants.json(response), MediaType.APPLICATION_JSON_TYPE))).build();
            } catch (ClientPolicyException e) {
                session.getTransactionManager().setRollbackOnly();
                event.detail(KeycloakNames.DETAIL_CLIENT_POLICY_ERROR, e.getError())
                        .detail(KeycloakNames.DETAIL_CLIENT_POLICY_ERROR_DETAIL, e.getErrorDetail());
                return fail(FailedCheck.CLIENT_POLICY, KeycloakNames.DETAIL_CLIENT_POLICY_ERROR, e.getErrorStatus() == null ? 400 : e.getErrorStatus().getStatusCode(), e.getError(), e.getErrorDetail(), e.getError());
            } catch (WebApplicationException e) {
                session.getTransactionManager().setRollbackOnly();
                throw e;
            }
        }

        /** Disabled, or locked out by brute-force protection: the cookie no longer counts. */
        private Optional<String> userRefusal(UserModel user) {
            if (!user.isEnabled()) {
                return Optional.of(Errors.USER_DISABLED);
            }
            if (realm.isBruteForceProtected()) {
                BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
                if (protector.isPermanentlyLockedOut(session, realm, user) || protector.isTemporarilyDisabled(session, realm, user)) {
                    return Optional.of(Errors.USER_TEMPORARILY_DISABLED);
                }
            }
            return Optional.empty();
        }

        /** Every requested client scope the consent screen would show must have been granted. */
        private boolean hasConsent(ClientModel client, UserModel user, String scope) {
            UserConsentModel granted = UserConsentManager.getConsentByClient(session, realm, user, client.getId());
            return TokenManager.getRequestedClientScopes(session, scope, client, user)
                    .filter(ClientScopeModel::isDisplayOnConsentScreen)
                    .allMatch(clientScope -> granted != null && granted.isClientScopeGranted(clientScope));
        }

        /**
         * The token's {@code acr}: the highest level of authentication any client session of this user session holds
         * — what the user proved when logging in — rather than "SSO" (level 0), which the exchange would otherwise
         * get like any cookie-based login.
         */
        private int sessionLevelOfAuthentication(UserSessionModel userSession) {
            return userSession.getAuthenticatedClientSessions().values().stream()
                    .mapToInt(AcrStore::getCurrentLevelOfAuthentication)
                    .max()
                    .orElse(Constants.NO_LOA);
        }

        private MultivaluedMap<String, String> policyParameters(String clientId, String scope) {
            MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
            params.putSingle(OAuth2Constants.GRANT_TYPE, OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE);
            params.putSingle(OAuth2Constants.SUBJECT_TOKEN_TYPE, COOKIE_TOKEN_TYPE);
            params.putSingle(OAuth2Constants.CLIENT_ID, clientId);
            if (scope != null) {
                params.putSingle(OAuth2Constants.SCOPE, scope);
            }
            return params;
        }

        private Response fail(FailedCheck check, int status, String error, String description, String eventError) {
            return fail(check, description, status, error, description, eventError);
        }

        private Response fail(FailedCheck check, String reason, int status, String error, String description, String eventError) {
            check.on(event).detail(Details.REASON, reason).error(eventError);
            return withCors(OAuthErrors.builder(status, error, description)).build();
        }

        Response.ResponseBuilder withCors(Response.ResponseBuilder response) {
            if (corsOrigin != null) {
                CorsHeaders.forResponse(corsOrigin).forEach(response::header);
            }
            return response;
        }
    }

    /** A header value fit for an event detail (and so a log line): printable ASCII, at most 200 characters. */
    static String printable(String value) {
        return value.length() <= 200 && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? value : "(not printable)";
    }

    /**
     * The one opt-in rule: the client scope as Keycloak applies scopes to a request — a Default scope always, an
     * Optional one when requested ({@code optionalCounts}; a preflight cannot know the scope its POST will request,
     * so there either counts) — or the older attribute.
     */
    private static boolean optedIn(ClientModel client, boolean optionalCounts) {
        return client.getClientScopes(true).containsKey(OPT_IN_CLIENT_SCOPE)
                || optionalCounts && client.getClientScopes(false).containsKey(OPT_IN_CLIENT_SCOPE)
                || "true".equals(client.getAttribute(ENABLED_ATTRIBUTE));
    }

    /** The client's Web Origins with Keycloak's {@code +} (the redirect URIs' origins) resolved. */
    private Set<String> webOrigins(ClientModel client) {
        return WebOriginsUtils.resolveValidWebOrigins(session, client).stream().collect(Collectors.toSet());
    }
}
