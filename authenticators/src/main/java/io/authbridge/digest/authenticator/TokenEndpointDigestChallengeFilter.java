package io.authbridge.digest.authenticator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestSettings;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Answers the first, empty request of a Digest client at the token endpoint with the Digest challenge.
 * <p>
 * Digest clients such as {@code curl --digest} send a POST first without its body ({@code Content-Length: 0}) and
 * send the form only with the {@code Authorization} header, after the 401. Keycloak's token endpoint rejects a
 * request without {@code grant_type} before any authenticator runs, so the challenge is given here — only for an
 * empty POST without credentials, in a realm whose direct-grant flow has an enabled {@code http-digest} step.
 * Every other request passes untouched.
 */
@Provider
public class TokenEndpointDigestChallengeFilter implements ContainerRequestFilter {

    private static final Pattern TOKEN_ENDPOINT = Pattern.compile(".*/realms/([^/]+)/protocol/openid-connect/token/?");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getLength() != 0) {
            return;
        }
        Matcher path = TOKEN_ENDPOINT.matcher(request.getUriInfo().getRequestUri().getRawPath());
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (!path.matches() || session == null) {
            return;
        }
        RealmModel realm = session.realms().getRealmByName(path.group(1));
        if (realm == null || realm.getDirectGrantFlow() == null) {
            return;
        }
        digestExecution(realm, realm.getDirectGrantFlow().getId()).ifPresent(execution -> {
            AuthenticatorConfigModel config = execution.getAuthenticatorConfig() == null ? null
                    : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
            DigestSettings settings = DigestSettings.from(config == null ? null : config.getConfig(), realm);
            Response.ResponseBuilder challenge = Response.status(Response.Status.UNAUTHORIZED)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new OAuth2ErrorRepresentation("invalid_request", "Digest authentication required"));
            DigestExchange.of(session, realm, settings, false).challenge(false)
                    .forEach(value -> challenge.header(HttpHeaders.WWW_AUTHENTICATE, value));
            request.abortWith(challenge.build());
        });
    }

    /** The first enabled http-digest execution in the flow or its sub-flows. */
    private static Optional<AuthenticationExecutionModel> digestExecution(RealmModel realm, String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> !execution.isDisabled())
                .flatMap(execution -> execution.isAuthenticatorFlow()
                        ? digestExecution(realm, execution.getFlowId()).stream()
                        : Stream.of(execution).filter(e -> HttpDigestAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator())))
                .findFirst();
    }
}
