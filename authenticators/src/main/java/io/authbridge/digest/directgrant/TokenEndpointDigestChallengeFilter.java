package io.authbridge.digest.directgrant;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authbridge.common.FlowExecutions;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.MisconfiguredStep;
import io.authbridge.common.OAuthErrors;
import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestSettings;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Answers the first, empty request of a Digest client at the token endpoint with the Digest challenge.
 * <p>
 * Digest clients such as {@code curl --digest} send a POST first without its body ({@code Content-Length: 0}) and
 * send the form only with the {@code Authorization} header, after the 401. Keycloak's token endpoint rejects a
 * request without {@code grant_type} before any authenticator runs, and its introspection and revocation endpoints
 * reject a request without a form, so the challenge is given here — only for an empty POST without credentials:
 * <ul>
 * <li>at the token endpoint, when the direct-grant flow Keycloak would run has an enabled {@code http-digest} step
 * (user login; it comes first when the realm has both) — the client's flow override or the realm's binding — with
 * that step's settings;</li>
 * <li>at the token, introspection and revocation endpoints, in a realm whose client authentication flow runs
 * {@code client-http-digest} (client login), with that execution's settings.</li>
 * </ul>
 * Every other request passes untouched.
 */
@Provider
public class TokenEndpointDigestChallengeFilter implements ContainerRequestFilter {

    /** Group 1: the realm; group 2: the endpoint under protocol/openid-connect/. */
    private static final Pattern ENDPOINT =
            Pattern.compile(".*/realms/([^/]+)/protocol/openid-connect/(token|token/introspect|revoke)/?");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getLength() != 0) {
            return;
        }
        Matcher path = ENDPOINT.matcher(request.getUriInfo().getRequestUri().getRawPath());
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (!path.matches() || session == null) {
            return;
        }
        RealmModel realm = session.realms().getRealmByName(path.group(1));
        if (realm == null) {
            return;
        }
        boolean tokenEndpoint = "token".equals(path.group(2));
        Optional<FlowExecutions.Found> userDigest = tokenEndpoint ? userDigest(realm, request) : Optional.empty();
        Optional<FlowExecutions.Found> found = userDigest.isPresent() ? userDigest
                : FlowExecutions.inClientFlow(realm, DigestProviderIds.CLIENT_AUTHENTICATOR);
        if (found.isEmpty()) {
            return;
        }
        DigestSettings settings;
        try {
            settings = DigestSettings.of(realm, found.get().config());
        } catch (InvalidSettingsException e) {
            // curl would give up on Keycloak's "Missing form parameter" and never show the real reason.
            MisconfiguredStep.log(realm, found.get().execution().getAuthenticator(), found.get().execution().getId(), e);
            request.abortWith(MisconfiguredStep.response(
                    userDigest.isPresent() ? DigestSettings.LOGIN_UNAVAILABLE : DigestSettings.CLIENT_AUTHENTICATION_UNAVAILABLE));
            return;
        }
        request.abortWith(challenge(session, realm, settings,
                userDigest.isPresent() ? OAuthErrorException.INVALID_REQUEST : OAuthErrorException.INVALID_CLIENT));
    }

    /**
     * The user Digest step the password grant would run: of the client's direct-grant flow when the URL names the
     * client ({@code ?client_id=}, which curl repeats on both requests), else of the realm's binding, else of the
     * first flow with a Digest step a client can bind as its override — the body that would name the client comes
     * only with the second request.
     */
    private static Optional<FlowExecutions.Found> userDigest(RealmModel realm, ContainerRequestContext request) {
        String clientId = request.getUriInfo().getQueryParameters().getFirst(OAuth2Constants.CLIENT_ID);
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        if (client != null) {
            return FlowExecutions.inUserFlow(realm, client, FlowExecutions.Binding.DIRECT_GRANT, DigestProviderIds.DIRECT_GRANT_STEPS);
        }
        return FlowExecutions.inDirectGrantFlowOfAnyClient(realm, DigestProviderIds.DIRECT_GRANT_STEPS);
    }

    private static Response challenge(KeycloakSession session, RealmModel realm, DigestSettings settings, String error) {
        Response.ResponseBuilder challenge = OAuthErrors.builder(Response.Status.UNAUTHORIZED.getStatusCode(), error,
                "Digest authentication required");
        DigestExchange.of(session, realm, settings, false).challenge(false)
                .forEach(value -> challenge.header(HttpHeaders.WWW_AUTHENTICATE, value));
        return challenge.build();
    }
}
