package io.authbridge.digest.authenticator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.UserDigestFlows;
import io.authbridge.digest.client.ClientDigestFlow;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Answers the first, empty request of a Digest client at the token endpoint with the Digest challenge.
 * <p>
 * Digest clients such as {@code curl --digest} send a POST first without its body ({@code Content-Length: 0}) and
 * send the form only with the {@code Authorization} header, after the 401. Keycloak's token endpoint rejects a
 * request without {@code grant_type} before any authenticator runs, and its introspection and revocation endpoints
 * reject a request without a form, so the challenge is given here — only for an empty POST without credentials:
 * <ul>
 * <li>at the token endpoint, in a realm whose direct-grant flow has an enabled {@code http-digest} step (user
 * login; it comes first when the realm has both), with that step's settings;</li>
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
        Optional<AuthenticationExecutionModel> userDigest = tokenEndpoint
                ? UserDigestFlows.digestExecution(realm, realm.getDirectGrantFlow())
                : Optional.empty();
        if (userDigest.isPresent()) {
            request.abortWith(challenge(session, realm, UserDigestFlows.settings(realm, userDigest.get()), "invalid_request"));
            return;
        }
        ClientDigestFlow.digestExecution(realm).ifPresent(execution -> request.abortWith(
                challenge(session, realm, ClientDigestFlow.settings(realm, execution), "invalid_client")));
    }

    private static Response challenge(KeycloakSession session, RealmModel realm, DigestSettings settings, String error) {
        Response.ResponseBuilder challenge = Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation(error, "Digest authentication required"));
        DigestExchange.of(session, realm, settings, false).challenge(false)
                .forEach(value -> challenge.header(HttpHeaders.WWW_AUTHENTICATE, value));
        return challenge.build();
    }
}
