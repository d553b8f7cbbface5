package io.authbridge.digest.endpoint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.authbridge.common.EndpointFailures;
import io.authbridge.common.FailedCheck;
import io.authbridge.common.FlowExecutions;
import io.authbridge.common.FormUrlEncoded;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.KeycloakGrants;
import io.authbridge.common.MisconfiguredStep;
import io.authbridge.common.OAuthErrors;
import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestLoginRequest;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.core.DigestAuthorizationParser;
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
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * {@code GET|POST /realms/{realm}/digest/login?client_id=…}: the legacy "log in with HTTP Digest, keep the session in
 * a cookie" call. The user answers the Digest challenge; the response is a Keycloak SSO session — Keycloak's own
 * {@code KEYCLOAK_IDENTITY} cookies — and the standard token response for the client.
 * <p>
 * The request is a Digest-authenticated password grant in all but name, and is run as one: Keycloak's own password
 * grant runs the client's direct-grant flow (its override, else the realm's), whose {@code http-digest} step checks
 * the user exactly as at the token endpoint. So the grant's client checks, client policies
 * ({@code RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST} and its response event), required actions, events and tokens
 * are Keycloak's. This endpoint adds only what the legacy call promised on top: Digest-only (no password), the
 * challenge for a client's first request, a public client, the SSO cookies and {@code Authentication-Info}.
 */
public class DigestLoginResource {

    static final String AUTHENTICATION_INFO = "Authentication-Info";
    private static final Logger LOG = Logger.getLogger(DigestLoginResource.class);
    /** What a password grant would log in with; never passed on, so the flow's password steps cannot run here. */
    private static final Set<String> PASSWORD_GRANT_CREDENTIALS = Set.of(OAuth2Constants.USERNAME, OAuth2Constants.PASSWORD,
            OAuth2Constants.GRANT_TYPE);

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
            return EndpointFailures.commitBeforeAnswering(session, new Exchange(body).run());
        } catch (WebApplicationException e) {
            throw e; // a client-policy executor's own answer (ip-allowlist: 403), or Keycloak's
        } catch (RuntimeException e) {
            return EndpointFailures.unexpected(session, LOG, "Digest login", e).build();
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
                    .detail(Details.AUTH_METHOD, DigestProviderIds.AUTH_METHOD);
        }

        Response run() {
            try {
                params = parameters(request, body);
            } catch (IllegalArgumentException e) {
                return fail(FailedCheck.REQUEST, Errors.INVALID_REQUEST, e.getMessage(), OAuthErrors.response(Response.Status.BAD_REQUEST,
                        OAuthErrorException.INVALID_REQUEST, "Malformed form body: " + e.getMessage()));
            }
            String header = request.getHttpHeaders().getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null && body.length == 0 && !params.containsKey(OAuth2Constants.CLIENT_ID)) {
                // A Digest client's first request, without the body it will send with its credentials (curl --digest
                // probes a POST with Content-Length: 0): the client_id may be in that body, so challenge now.
                Optional<FlowExecutions.Found> anyDigest = FlowExecutions.inDirectGrantFlowOfAnyClient(realm, DigestProviderIds.DIRECT_GRANT_STEPS);
                if (anyDigest.isPresent()) {
                    return withExchange(anyDigest.get(), exchange -> challenge(exchange, false,
                            OAuthErrorException.INVALID_REQUEST, "Digest authentication required"));
                }
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

            Optional<FlowExecutions.Found> digestStep = FlowExecutions.inUserFlow(realm, client,
                    FlowExecutions.Binding.DIRECT_GRANT, DigestProviderIds.DIRECT_GRANT_STEPS);
            if (digestStep.isEmpty()) {
                String description = "The client's direct-grant flow has no HTTP Digest step";
                return fail(FailedCheck.SETTINGS, Errors.NOT_ALLOWED, description,
                        OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.UNAUTHORIZED_CLIENT, description));
            }
            return withExchange(digestStep.get(), exchange -> {
                if (header == null || !DigestAuthorizationParser.isDigest(header)) {
                    // The first request of every Digest client, or a client that tried another scheme: this endpoint
                    // logs in with Digest only, whatever else the client's flow allows.
                    return challenge(exchange, false, OAuthErrorException.INVALID_REQUEST,
                            header == null ? "Digest authentication required" : "This endpoint requires HTTP Digest authentication");
                }
                return login(client, exchange);
            });
        }

        /** Runs {@code action} with the Digest step's settings; a 503 when they are invalid (stored by a realm import). */
        private Response withExchange(FlowExecutions.Found step, Function<DigestExchange, Response> action) {
            DigestSettings settings;
            try {
                settings = DigestSettings.of(realm, step.config());
            } catch (InvalidSettingsException e) {
                String provider = step.execution().getAuthenticator();
                MisconfiguredStep.log(realm, provider, step.execution().getId(), e);
                return fail(FailedCheck.SETTINGS, Errors.INVALID_CONFIG, MisconfiguredStep.reason(provider), MisconfiguredStep.response(DigestSettings.LOGIN_UNAVAILABLE));
            }
            return action.apply(DigestExchange.of(session, realm, settings, true));
        }

        /** client_id present once; no parameter of the grant given twice with different values. */
        private Optional<Response> checkParameters() {
            for (String name : List.of(OAuth2Constants.CLIENT_ID, OAuth2Constants.SCOPE)) {
                List<String> values = params.get(name);
                if (values != null && new LinkedHashSet<>(values).size() > 1) {
                    return Optional.of(fail(FailedCheck.REQUEST, Errors.INVALID_REQUEST, "duplicated parameter " + name,
                            OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_REQUEST,
                                    "Duplicated parameter: " + name)));
                }
            }
            String clientId = params.getFirst(OAuth2Constants.CLIENT_ID);
            if (clientId == null || clientId.isBlank()) {
                return Optional.of(fail(FailedCheck.REQUEST, Errors.INVALID_REQUEST, "missing client_id",
                        OAuthErrors.response(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_REQUEST,
                                "Missing parameter: client_id")));
            }
            return Optional.empty();
        }

        /**
         * Only a public OpenID Connect client may use this login. A confidential client could not authenticate here:
         * the Authorization header carries the user's Digest response, and Keycloak's client authenticators read that
         * header (client_secret_basic, client-http-digest). Direct access grants and consent are the password
         * grant's own checks.
         */
        private Optional<Response> checkClient(ClientModel client) {
            if (client == null || !client.isEnabled()) {
                // Keycloak answers an unknown and a disabled client alike.
                return Optional.of(fail(FailedCheck.CLIENT, client == null ? Errors.CLIENT_NOT_FOUND : Errors.CLIENT_DISABLED,
                        client == null ? "client not found" : "client disabled",
                        OAuthErrors.response(Response.Status.UNAUTHORIZED, OAuthErrorException.INVALID_CLIENT,
                                OAuthErrors.INVALID_CLIENT_DESCRIPTION)));
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
            }
            if (refusal == null) {
                return Optional.empty();
            }
            event.client(client);
            return Optional.of(fail(FailedCheck.CLIENT, Errors.NOT_ALLOWED, refusal,
                    OAuthErrors.response(Response.Status.BAD_REQUEST, error, refusal)));
        }

        /**
         * Keycloak's password grant runs the client's direct-grant flow, whose {@code http-digest} step verifies the
         * user; this endpoint adds what the legacy call promises on top: the SSO cookies and {@code Authentication-Info}
         * over the exact JSON sent.
         */
        private Response login(ClientModel client, DigestExchange exchange) {
            AuthenticationManager.AuthResult sso = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
            DigestLoginRequest loginRequest = new DigestLoginRequest(body, sso == null ? null : sso.getSession());
            loginRequest.attachTo(session);

            MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
            params.forEach((name, values) -> {
                if (!PASSWORD_GRANT_CREDENTIALS.contains(name)) {
                    form.put(name, values); // the step is Digest: nothing may log in with a password here
                }
            });
            Response granted = KeycloakGrants.run(KeycloakGrants.grant(session, OAuth2Constants.PASSWORD), OAuth2Constants.PASSWORD,
                    session, client, form, Map.of(), event);
            if (!(granted.getEntity() instanceof AccessTokenResponse tokens)) {
                return granted; // the flow's challenge or refusal, as the token endpoint would send it
            }
            UserSessionModel userSession = tokens.getSessionState() == null ? null
                    : session.sessions().getUserSession(realm, tokens.getSessionState());
            if (sso != null && sso.getSession() != null && userSession != null && !sso.getSession().getId().equals(userSession.getId())
                    && !sso.getSession().getUser().getId().equals(userSession.getUser().getId())) {
                // Another user logged in in the same browser: Keycloak ends the previous user's session too.
                session.sessions().removeUserSession(realm, sso.getSession());
            }
            if (userSession != null) {
                AuthenticationManager.createLoginCookie(session, realm, userSession.getUser(), userSession,
                        session.getContext().getUri(), session.getContext().getConnection());
            }
            byte[] json = KeycloakGrants.json(tokens);
            Response.ResponseBuilder ok = OAuthErrors.noStore(Response.ok(json, MediaType.APPLICATION_JSON_TYPE));
            loginRequest.verifiedAuthorization()
                    .flatMap(authorization -> authenticationInfo(exchange, authorization, loginRequest.verifiedHa1().orElseThrow(), json))
                    .ifPresent(info -> ok.header(AUTHENTICATION_INFO, info));
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

        /** 401 with one WWW-Authenticate value per algorithm. */
        private Response challenge(DigestExchange exchange, boolean stale, String error, String description) {
            return OAuthErrors.response(Response.Status.UNAUTHORIZED.getStatusCode(), error, description,
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, exchange.challenge(stale)));
        }

        /** Records LOGIN_ERROR and returns the response. */
        private Response fail(FailedCheck check, String eventError, String reason, Response response) {
            check.on(event).detail(Details.REASON, reason).error(eventError);
            return response;
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
            FormUrlEncoded.parse(body, type.getParameters().get(MediaType.CHARSET_PARAMETER)).forEach(params::addAll);
        }
        return params;
    }
}
