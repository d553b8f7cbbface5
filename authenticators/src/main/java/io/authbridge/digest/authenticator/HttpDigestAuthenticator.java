package io.authbridge.digest.authenticator;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.credential.DigestHa1CredentialProviderFactory;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * User login with HTTP Digest (RFC 7616) in the browser and direct-grant flows.
 * <p>
 * Modelled on Keycloak's Kerberos authenticator: no {@code Authorization} header → a 401 challenge; another scheme
 * → {@code attempted()} so the next step runs; a valid Digest response → the user. As an ALTERNATIVE in the
 * browser flow, the 401 page continues to the other login steps when the user cancels the browser's prompt.
 * A wrong response counts toward brute-force lockout like a wrong password, and an unknown user gets the same
 * answer as a wrong password.
 */
public class HttpDigestAuthenticator implements Authenticator {

    static final String AUTH_METHOD = "http-digest";
    private static final String DIRECT_GRANT_FLOW_PATH = "token";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        boolean directGrant = DIRECT_GRANT_FLOW_PATH.equals(context.getFlowPath());
        DigestExchange exchange = DigestExchange.of(context.getSession(), DigestSettings.from(context.getAuthenticatorConfig(), context.getRealm()), !directGrant && isBodyless(context));
        String header = context.getHttpRequest().getHttpHeaders().getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION);

        DigestExchange.Checked checked = exchange.check(header, requestTarget(context));
        if (checked instanceof DigestExchange.Checked.NotDigest) {
            if (header != null || directGrant && hasPasswordParameters(context)) {
                context.attempted(); // another scheme, or a plain password grant: not ours
            } else {
                context.challenge(challenge(context, exchange, directGrant, false, "Digest authentication required"));
            }
        } else if (checked instanceof DigestExchange.Checked.Malformed malformed) {
            context.getEvent().detail(Details.REASON, malformed.reason()).error(Errors.INVALID_REQUEST);
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS,
                    error(Response.Status.BAD_REQUEST, "invalid_request", "Malformed Digest authorization: " + malformed.reason()));
        } else if (checked instanceof DigestExchange.Checked.Stale) {
            context.challenge(challenge(context, exchange, directGrant, true, "Digest nonce expired"));
        } else if (checked instanceof DigestExchange.Checked.Rejected rejected) {
            context.getEvent().detail(Details.REASON, rejected.reason()).error(Errors.INVALID_REQUEST);
            context.challenge(challenge(context, exchange, directGrant, false, "Digest authorization rejected: " + rejected.reason()));
        } else if (checked instanceof DigestExchange.Checked.Valid valid) {
            verify(context, exchange, valid.authorization(), directGrant);
        }
    }

    private void verify(AuthenticationFlowContext context, DigestExchange exchange, DigestAuthorization authorization,
                        boolean directGrant) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        String username = authorization.username();
        context.getEvent().detail(Details.USERNAME, username).detail(Details.AUTH_METHOD, AUTH_METHOD);
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, username);

        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, username);
        // Verified against when there is no usable HA1, so an unknown account costs the same hashing.
        String unknownAccountHa1 = "0".repeat(authorization.algorithm().hexLength());
        Optional<String> ha1 = Optional.empty();
        if (user != null && !user.isEnabled()) {
            exchange.verifyResponse(authorization, unknownAccountHa1, method(context), new byte[0]);
            context.getEvent().user(user).error(Errors.USER_DISABLED);
            context.failure(AuthenticationFlowError.USER_DISABLED,
                    error(Response.Status.BAD_REQUEST, "invalid_grant", "Account disabled"));
            return;
        }
        if (user != null) {
            String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
            if (bruteForceError != null) {
                context.getEvent().user(user).error(bruteForceError);
                context.failure(AuthenticationFlowError.INVALID_USER,
                        challenge(context, exchange, directGrant, false, "Invalid user credentials"));
                return;
            }
            ha1 = DigestHa1CredentialProviderFactory.of(session)
                    .findCurrent(user, exchange.settings().digestRealm())
                    .flatMap(credential -> credential.ha1(authorization.algorithm()));
        }
        boolean verified = exchange.verifyResponse(authorization, ha1.orElse(unknownAccountHa1), method(context), new byte[0]);
        if (user == null || ha1.isEmpty() || !verified) {
            if (user == null) {
                context.getEvent().error(Errors.USER_NOT_FOUND);
                context.failure(AuthenticationFlowError.INVALID_USER,
                        challenge(context, exchange, directGrant, false, "Invalid user credentials"));
            } else {
                context.setUser(user); // counts toward brute-force lockout like a password failure
                context.getEvent().user(user).error(Errors.INVALID_USER_CREDENTIALS);
                context.failure(AuthenticationFlowError.INVALID_CREDENTIALS,
                        challenge(context, exchange, directGrant, false, "Invalid user credentials"));
            }
            return;
        }
        if (!exchange.markUsed(authorization)) {
            context.getEvent().user(user).detail(Details.REASON, "replayed nonce and nc").error(Errors.INVALID_REQUEST);
            context.challenge(challenge(context, exchange, directGrant, false, "Digest authorization already used"));
            return;
        }
        exchange.authenticationInfo(authorization, ha1.get(), new byte[0]).ifPresent(info ->
                session.getContext().getHttpResponse().setHeader("Authentication-Info", info));
        context.setUser(user);
        context.success(PasswordCredentialModel.TYPE); // so a success resets brute-force failures like a password login
    }

    /**
     * Direct grant: a JSON error with the challenge headers. Browser: like Keycloak's Kerberos authenticator, a 401
     * whose page continues the flow (REQUIRED: an error page), so other login steps still work when the user
     * cancels the browser's Digest prompt.
     */
    private Response challenge(AuthenticationFlowContext context, DigestExchange exchange, boolean directGrant,
                               boolean stale, String description) {
        List<String> challenges = exchange.challenge(stale);
        Response.ResponseBuilder response;
        if (directGrant) {
            response = Response.status(Response.Status.UNAUTHORIZED)
                    .entity(new OAuth2ErrorRepresentation("invalid_grant", description))
                    .type(MediaType.APPLICATION_JSON_TYPE);
        } else if (context.getExecution().isRequired()) {
            response = Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_HTML_TYPE)
                    .entity("<html><body><p>" + "HTTP Digest authentication is required." + "</p></body></html>");
        } else {
            URI action = context.getActionUrl(context.generateAccessCode());
            response = Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_HTML_TYPE)
                    .entity(continueWithOtherMethodsPage(action));
        }
        for (String value : challenges) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, value);
        }
        return response.build();
    }

    private static String continueWithOtherMethodsPage(URI action) {
        return "<html><head><title>HTTP Digest</title></head><body onload=\"document.forms[0].submit()\">"
                + "<form method=\"POST\" action=\"" + htmlAttribute(action.toString()) + "\"><noscript><p>HTTP Digest login was not completed. "
                + "Continue to log in another way.</p><input name=\"continue\" type=\"submit\" value=\"Continue\"/></noscript>"
                + "</form></body></html>";
    }

    private static String htmlAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The user cancelled the browser's Digest prompt and the page posted back: continue with the next step. */
    @Override
    public void action(AuthenticationFlowContext context) {
        context.attempted();
    }

    private static Response error(Response.Status status, String error, String description) {
        return Response.status(status).entity(new OAuth2ErrorRepresentation(error, description))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static String method(AuthenticationFlowContext context) {
        return context.getHttpRequest().getHttpMethod();
    }

    private static boolean isBodyless(AuthenticationFlowContext context) {
        return "GET".equals(method(context)) || "HEAD".equals(method(context));
    }

    private static String requestTarget(AuthenticationFlowContext context) {
        URI uri = context.getHttpRequest().getUri().getRequestUri();
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static boolean hasPasswordParameters(AuthenticationFlowContext context) {
        return context.getHttpRequest().getDecodedFormParameters().containsKey("password");
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
