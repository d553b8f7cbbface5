package io.authbridge.digest.directgrant;

import java.util.List;
import java.util.Optional;

import io.authbridge.common.OAuthErrors;
import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestLoginRequest;
import io.authbridge.digest.DigestLoginStep;
import io.authbridge.digest.DigestUserVerifier;
import io.authbridge.digest.core.DigestAuthorization;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * HTTP Digest user login in a direct-grant flow: Keycloak's password grant at the token endpoint, and the Digest
 * login endpoint, which runs that grant. Its answers are OAuth JSON errors, the challenge in {@code WWW-Authenticate},
 * as Keycloak's {@code directgrant/} steps answer.
 */
public class HttpDigestDirectGrantAuthenticator extends DigestLoginStep {

    public static final HttpDigestDirectGrantAuthenticator INSTANCE = new HttpDigestDirectGrantAuthenticator();
    private static final String AUTHENTICATION_INFO = "Authentication-Info";

    /** Only the Digest login endpoint hands over the raw body; at the token endpoint Keycloak has read it as a form. */
    @Override
    protected Optional<byte[]> requestBody(AuthenticationFlowContext context) {
        return DigestLoginRequest.of(context.getSession()).map(DigestLoginRequest::body);
    }

    @Override
    protected boolean hasOtherCredentials(AuthenticationFlowContext context, String authorizationHeader) {
        return authorizationHeader != null
                || context.getHttpRequest().getDecodedFormParameters().containsKey(OAuth2Constants.PASSWORD);
    }

    @Override
    protected Response challenge(AuthenticationFlowContext context, List<String> challenges, boolean othersMayRun,
                                 String error, String description) {
        Response.ResponseBuilder response = OAuthErrors.builder(Response.Status.UNAUTHORIZED.getStatusCode(), error, description);
        challenges.forEach(value -> response.header(HttpHeaders.WWW_AUTHENTICATE, value));
        return response.build();
    }

    @Override
    protected Response refusal(AuthenticationFlowContext context, Response.Status status, String error, String description) {
        return OAuthErrors.response(status, error, description);
    }

    /**
     * For the Digest login endpoint: it writes {@code Authentication-Info} over the token JSON it sends, and the
     * caller's SSO session is continued when it is this user's, as Keycloak's cookie step does in a browser.
     */
    @Override
    protected void verified(AuthenticationFlowContext context, DigestExchange exchange, DigestAuthorization authorization,
                            DigestUserVerifier.Result.Verified verified) {
        Optional<DigestLoginRequest> loginRequest = DigestLoginRequest.of(context.getSession());
        if (loginRequest.isEmpty()) {
            exchange.authenticationInfo(authorization, verified.ha1(), new byte[0]).ifPresent(info ->
                    context.getSession().getContext().getHttpResponse().setHeader(AUTHENTICATION_INFO, info));
            return;
        }
        UserModel user = verified.user();
        loginRequest.get().verified(authorization, verified.ha1());
        loginRequest.get().ssoSession()
                .filter(sso -> sso.getUser() != null && sso.getUser().getId().equals(user.getId()))
                .ifPresent(context::attachUserSession);
    }
}
