package io.authbridge.digest.endpoint;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.authbridge.common.FormUrlEncoded;
import io.authbridge.common.OAuthErrors;
import io.authbridge.common.UserSessionTokens;
import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.UserDigestFlows;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.credential.DigestHa1CredentialProviderFactory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsContext;
import org.keycloak.services.clientpolicy.context.ResourceOwnerPasswordCredentialsResponseContext;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * {@code GET|POST /realms/{realm}/digest/login?client_id=…}: the legacy "log in with HTTP Digest, keep the session in
 * a cookie" call. The user answers the Digest challenge; the response is a Keycloak SSO session — Keycloak's own
 * {@code KEYCLOAK_IDENTITY} cookies — and the standard token response for the client.
 * <p>
 * The request is a Digest-authenticated password grant in all but name, and is treated like one: the client must be
 * a public OpenID Connect client with direct access grants enabled, client policies see a
 * {@code RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST} (and its response event), and the user is verified exactly
 * like the {@code http-digest} authenticator does it (brute-force protection, unknown user = wrong password,
 * single-use (nonce, nc), {@code Authentication-Info}). The Digest settings are those of the realm's
 * {@code http-digest} step (direct-grant flow first, then browser flow).
 */
public class DigestLoginResource {

    static final String AUTH_METHOD = "http-digest";
    static final String AUTHENTICATION_INFO = "Authentication-Info";
    private static final Logger LOG = Logger.getLogger(DigestLoginResource.class);
    private static final Set<String> BRUTE_FORCE_CATEGORIES = Set.of(PasswordCredentialModel.TYPE);
    private static final String INVALID_CREDENTIALS = "Invalid user credentials";

    private final KeycloakSession session;

    public DigestLoginResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("login")
    public Response loginWithGet() {
        return handle(new byte[0]);
    }

    /** The raw body is a parameter, so that {@code qop=auth-int} can be verified over the exact bytes received. */
    @POST
    @Path("login")
    public Response loginWithPost(byte[] body) {
        return handle(body == null ? new byte[0] : body);
    }

    private Response handle(byte[] body) {
        try {
            return new Exchange(body).run();
        } catch (WebApplicationException e) {
            throw e; // a client-policy executor's own answer (ip-allowlist: 403), or Keycloak's
        } catch (RuntimeException e) {
            // Input is validated before use, so this is a bug or an infrastructure failure: no stack trace to the
            // client, nothing half-done stored.
            LOG.warnf(e, "Digest login failed unexpectedly in realm %s", session.getContext().getRealm().getName());
            session.getTransactionManager().setRollbackOnly();
            return OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_REQUEST,
                    "The request could not be processed");
        }
    }

    /** One request. */
    private final class Exchange {

        private final byte[] body;
        private final RealmModel realm;
        private final HttpRequest request;
        private final EventBuilder event;
        private MultivaluedMap<String, String> params;

        Exchange(byte[] body) {
            this.body = body;
            this.realm = session.getContext().getRealm();
            this.request = session.getContext().getHttpRequest();
            this.event = new EventBuilder(realm, session, session.getContext().getConnection())
                    .event(EventType.LOGIN)
                    .detail(Details.AUTH_METHOD, AUTH_METHOD);
        }

        Response run() {
            try {
                params = parameters(request, body);
            } catch (IllegalArgumentException e) {
                return fail(Errors.INVALID_REQUEST, e.getMessage(), OAuthErrors.response(Response.Status.BAD_REQUEST,
                        OAuthErrorException.INVALID_REQUEST, "Malformed form body: " + e.getMessage()));
            }
            DigestSettings settings = UserDigestFlows.loginSettings(realm);
            DigestExchange exchange = DigestExchange.of(session, realm, settings, true);
            String header = request.getHttpHeaders().getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null && body.length == 0 && !params.containsKey(OAuth2Constants.CLIENT_ID)) {
                // A Digest client's first request, without the body it will send with its credentials (curl --digest
                // probes a POST with Content-Length: 0): the client_id may be in that body, so challenge now.
                return challenge(exchange, false, OAuthErrorException.INVALID_REQUEST, "Digest authentication required");
            }
            Optional<Response> refusal = checkParameters();
            if (refusal.isPresent()) {
                return refusal.get();
            }
            String clientId = params.getFirst(OAuth2Constants.CLIENT_ID);
            event.client(clientId);
            ClientModel client = realm.getClientByClientId(clientId);
            refusal = checkClient(client);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            session.getContext().setClient(client);
            event.client(client);

            String scope = params.getFirst(OAuth2Constants.SCOPE);
            UserSessionTokens tokens = new UserSessionTokens(session, realm, client, event);
            if (!tokens.isValidScope(scope)) {
                return fail(Errors.INVALID_REQUEST, "Invalid scopes: " + scope,
                        OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_SCOPE, "Invalid scopes: " + scope));
            }
            try {
                // The ip-allowlist executor answers 403 itself (ErrorResponseException): it propagates unchanged.
                session.clientPolicy().triggerOnEvent(new ResourceOwnerPasswordCredentialsContext(session, params));
            } catch (ClientPolicyException e) {
                return clientPolicyRefusal(e);
            }

            DigestExchange.Checked checked = exchange.check(header, requestTarget());
            if (checked instanceof DigestExchange.Checked.NotDigest) {
                // The first request of every Digest client, or a client that tried another scheme: the challenge.
                return challenge(exchange, false, OAuthErrorException.INVALID_REQUEST,
                        header == null ? "Digest authentication required" : "This endpoint requires HTTP Digest authentication");
            } else if (checked instanceof DigestExchange.Checked.Malformed malformed) {
                return fail(Errors.INVALID_REQUEST, "malformed Digest authorization: " + malformed.reason(),
                        OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_REQUEST,
                                "Malformed Digest authorization: " + malformed.reason()));
            } else if (checked instanceof DigestExchange.Checked.Stale) {
                return challenge(exchange, true, OAuthErrorException.INVALID_GRANT, "Digest nonce expired");
            } else if (checked instanceof DigestExchange.Checked.Rejected rejected) {
                event.detail(Details.REASON, "Digest authorization rejected: " + rejected.reason()).error(Errors.INVALID_REQUEST);
                return challenge(exchange, false, OAuthErrorException.INVALID_GRANT, "Digest authorization rejected: " + rejected.reason());
            }
            DigestAuthorization authorization = ((DigestExchange.Checked.Valid) checked).authorization();
            return login(tokens, exchange, authorization, scope);
        }

        /** client_id present once; no parameter of the grant given twice with different values. */
        private Optional<Response> checkParameters() {
            for (String name : List.of(OAuth2Constants.CLIENT_ID, OAuth2Constants.SCOPE)) {
                List<String> values = params.get(name);
                if (values != null && new LinkedHashSet<>(values).size() > 1) {
                    return Optional.of(fail(Errors.INVALID_REQUEST, "duplicated parameter " + name,
                            OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_REQUEST,
                                    "Duplicated parameter: " + name)));
                }
            }
            String clientId = params.getFirst(OAuth2Constants.CLIENT_ID);
            if (clientId == null || clientId.isBlank()) {
                return Optional.of(fail(Errors.INVALID_REQUEST, "missing client_id",
                        OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_REQUEST,
                                "Missing parameter: client_id")));
            }
            return Optional.empty();
        }

        /**
         * Only a public OpenID Connect client with direct access grants may use this login. A confidential client
         * could not authenticate here: the Authorization header carries the user's Digest response, and Keycloak's
         * client authenticators read that header (client_secret_basic, client-http-digest).
         */
        private Optional<Response> checkClient(ClientModel client) {
            if (client == null || !client.isEnabled()) {
                // Keycloak answers an unknown and a disabled client alike.
                return Optional.of(fail(client == null ? Errors.CLIENT_NOT_FOUND : Errors.CLIENT_DISABLED, null,
                        OAuthErrors.response(Response.Status.UNAUTHORIZED, OAuthErrorException.INVALID_CLIENT,
                                "Invalid client or Invalid client credentials")));
            }
            String refusal = null;
            String error = OAuthErrorException.UNAUTHORIZED_CLIENT;
            if (client.getProtocol() != null && !OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol())) {
                refusal = "Wrong client protocol.";
                error = OAuthErrorException.INVALID_CLIENT;
            } else if (client.isBearerOnly()) {
                refusal = "Bearer-only not allowed";
                error = OAuthErrorException.INVALID_CLIENT;
            } else if (!client.isPublicClient()) {
                refusal = "Digest login is available to public clients only";
            } else if (!client.isDirectAccessGrantsEnabled()) {
                refusal = "Client not allowed for direct access grants";
            } else if (client.isConsentRequired()) {
                refusal = "Client requires user consent";
                error = OAuthErrorException.INVALID_CLIENT;
            }
            if (refusal == null) {
                return Optional.empty();
            }
            event.client(client);
            return Optional.of(fail(Errors.NOT_ALLOWED, refusal,
                    OAuthErrors.response(Response.Status.BAD_REQUEST, error, refusal)));
        }

        private Response login(UserSessionTokens tokens, DigestExchange exchange, DigestAuthorization authorization, String scope) {
            String username = authorization.username();
            event.detail(Details.USERNAME, username);
            UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, username);
            if (user != null && user.getServiceAccountClientLink() != null) {
                user = null; // a client's service account never logs in as a user
            }
            Optional<String> ha1 = user == null ? Optional.empty()
                    : DigestHa1CredentialProviderFactory.of(session)
                            .findCurrent(user, exchange.settings().digestRealm())
                            .flatMap(credential -> credential.ha1(authorization.algorithm()));
            // Always computed, so that an unknown user, a locked one and a wrong password take the same time.
            // A stand-in HA1 of the algorithm's length when the account does not exist or has none, so that the
            // same hashing is done.
            String storedHa1 = ha1.orElseGet(() -> "0".repeat(authorization.algorithm().base().hexLength()));
            boolean verified = exchange.verifyResponse(authorization, storedHa1, request.getHttpMethod(), body);

            if (user == null) {
                event.error(Errors.USER_NOT_FOUND);
                return challenge(exchange, false, OAuthErrorException.INVALID_GRANT, INVALID_CREDENTIALS);
            }
            event.user(user);
            BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
            String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(protector, session, realm, user);
            if (lockout != null) {
                // Locked out: the same answer as a wrong password, whatever was sent.
                event.error(lockout);
                return challenge(exchange, false, OAuthErrorException.INVALID_GRANT, INVALID_CREDENTIALS);
            }
            if (ha1.isEmpty() || !verified) {
                if (realm.isBruteForceProtected()) {
                    protector.failedLogin(realm, user, session.getContext().getConnection(), session.getContext().getUri(),
                            BRUTE_FORCE_CATEGORIES);
                }
                event.error(Errors.INVALID_USER_CREDENTIALS);
                return challenge(exchange, false, OAuthErrorException.INVALID_GRANT, INVALID_CREDENTIALS);
            }
            // Verified: this (nonce, nc) is now used up, whatever happens next.
            if (!exchange.markUsed(authorization)) {
                event.detail(Details.REASON, "replayed nonce and nc").error(Errors.INVALID_REQUEST);
                return challenge(exchange, false, OAuthErrorException.INVALID_GRANT, "Digest authorization already used");
            }
            if (!user.isEnabled()) {
                // Told only to whoever knows the password, as Keycloak's password grant does.
                return fail(Errors.USER_DISABLED, null,
                        OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_GRANT, "Account disabled"));
            }

            UserSessionTokens.Login login = tokens.startLogin(user, username, scope, AUTH_METHOD);
            if (login.requiresActions()) {
                login.cancel();
                String description = "Account is not fully set up";
                return fail(Errors.RESOLVE_REQUIRED_ACTIONS, description,
                        OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_GRANT, description));
            }
            UserSessionTokens.Session userSession = login.complete();
            AccessTokenResponse tokenResponse;
            try {
                tokenResponse = tokens.mint(userSession.userSession(), userSession.clientSessionContext(), null,
                        (builder, clientSessionCtx) -> new ResourceOwnerPasswordCredentialsResponseContext(params, clientSessionCtx, builder));
            } catch (ClientPolicyException e) {
                if (!userSession.reused()) {
                    session.sessions().removeUserSession(realm, userSession.userSession()); // no session for a refused login
                }
                return clientPolicyRefusal(e);
            }
            byte[] json = UserSessionTokens.json(tokenResponse);
            Response.ResponseBuilder ok = UserSessionTokens.ok(json);
            authenticationInfo(exchange, authorization, ha1.get(), json).ifPresent(info -> ok.header(AUTHENTICATION_INFO, info));
            tokens.setSsoCookies(userSession.userSession());
            if (realm.isBruteForceProtected()) {
                protector.successfulLogin(realm, user, session.getContext().getConnection(), session.getContext().getUri(),
                        BRUTE_FORCE_CATEGORIES);
            }
            event.success();
            return ok.build();
        }

        /** Mutual authentication for the client; left out (the login stands) should the client's cnonce not fit a header. */
        private Optional<String> authenticationInfo(DigestExchange exchange, DigestAuthorization authorization, String ha1, byte[] json) {
            try {
                return exchange.authenticationInfo(authorization, ha1, json);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private Response clientPolicyRefusal(ClientPolicyException e) {
            event.detail(Details.REASON, Details.CLIENT_POLICY_ERROR)
                    .detail(Details.CLIENT_POLICY_ERROR, e.getError())
                    .detail(Details.CLIENT_POLICY_ERROR_DETAIL, e.getErrorDetail());
            event.error(e.getError());
            return OAuthErrors.response(e.getErrorStatus() == null ? Response.Status.BAD_REQUEST : e.getErrorStatus(),
                    e.getError(), e.getErrorDetail());
        }

        /** 401 with one WWW-Authenticate value per algorithm. */
        private Response challenge(DigestExchange exchange, boolean stale, String error, String description) {
            return OAuthErrors.response(Response.Status.UNAUTHORIZED.getStatusCode(), error, description,
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, exchange.challenge(stale)));
        }

        /** Records LOGIN_ERROR and returns the response. */
        private Response fail(String eventError, String reason, Response response) {
            if (reason != null) {
                event.detail(Details.REASON, reason);
            }
            event.error(eventError);
            return response;
        }

        private String requestTarget() {
            URI uri = request.getUri().getRequestUri();
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
    }

    /**
     * Query parameters, plus the parameters of a form-encoded POST body — parsed from the raw body, as Keycloak's
     * decoded form parameters stay empty when the method takes the body itself.
     *
     * @throws IllegalArgumentException for a malformed form body
     */
    private static MultivaluedMap<String, String> parameters(HttpRequest request, byte[] body) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        request.getUri().getQueryParameters(true).forEach(params::addAll);
        MediaType type = request.getHttpHeaders().getMediaType();
        if ("POST".equals(request.getHttpMethod()) && type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            Charset charset;
            try {
                String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
                charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
            } catch (IllegalArgumentException e) { // IllegalCharsetNameException, UnsupportedCharsetException
                throw new IllegalArgumentException("unsupported charset");
            }
            FormUrlEncoded.parse(body, charset).forEach(params::addAll);
        }
        return params;
    }
}
