package io.authbridge.digest.authenticator;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.authbridge.common.FlowExecutions;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.OAuthErrors;
import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestLoginRequest;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.DigestUserVerifier;
import io.authbridge.digest.core.DigestAuthorization;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * User login with HTTP Digest (RFC 7616) in the browser and direct-grant flows.
 * <p>
 * Modelled on Keycloak's Kerberos authenticator: no {@code Authorization} header → a 401 challenge; another scheme
 * (or a password grant's username and password) → {@code attempted()} so the next step runs; a valid Digest
 * response → the user. Where the flow has no other way to log in (a REQUIRED step, or an ALTERNATIVE without a
 * sibling, up to the top-level flow) nothing but Digest can pass, so everything else is answered with the challenge
 * — never {@code attempted()}, which Keycloak turns into a 500 there. In the browser flow that 401 page is Keycloak's
 * error page (the realm's login theme); where other steps may run it is a page that continues to them when the user
 * cancels the browser's prompt.
 * <p>
 * The user is checked by {@link DigestUserVerifier}, the rules of Keycloak's direct-grant steps: an unknown user, a
 * service account, a locked-out user and a wrong response get the same answer, and only a wrong response counts
 * toward brute-force lockout, like a wrong password.
 */
public class HttpDigestAuthenticator implements Authenticator {

    static final String AUTH_METHOD = DigestProviderIds.AUTH_METHOD;
    private static final String AUTHENTICATION_INFO = "Authentication-Info";
    /** The flow path Keycloak's password grant gives its flow ({@code ResourceOwnerPasswordCredentialsGrantType}). */
    private static final String DIRECT_GRANT_FLOW_PATH = "token";
    private static final String INVALID_CREDENTIALS = "Invalid user credentials";
    private static final Logger LOG = Logger.getLogger(HttpDigestAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Step step = new Step(context);
        DigestSettings settings;
        try {
            settings = DigestSettings.of(context.getRealm(), config(context));
        } catch (InvalidSettingsException e) {
            step.misconfigured(e);
            return;
        }
        step.run(DigestExchange.of(context.getSession(), context.getRealm(), settings, step.bodyReadable()));
    }

    /** The user cancelled the browser's Digest prompt and the page posted back: continue with the next step. */
    @Override
    public void action(AuthenticationFlowContext context) {
        context.attempted();
    }

    private static Map<String, String> config(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    /** One run of the step for one request. */
    private static final class Step {

        private final AuthenticationFlowContext context;
        private final boolean directGrant;
        /** Whether the flow has another way to log in: else nothing but Digest may pass, and attempted() would be a 500. */
        private final boolean othersMayRun;
        private final Optional<DigestLoginRequest> loginRequest;

        Step(AuthenticationFlowContext context) {
            this.context = context;
            this.directGrant = DIRECT_GRANT_FLOW_PATH.equals(context.getFlowPath());
            this.othersMayRun = FlowExecutions.hasAlternativeTo(context.getSession(), context.getRealm(), context.getExecution());
            this.loginRequest = DigestLoginRequest.of(context.getSession());
        }

        /** auth-int needs the raw body: the Digest login endpoint hands it over; a browser GET has none. */
        boolean bodyReadable() {
            return loginRequest.isPresent() || !directGrant && isBodyless();
        }

        void run(DigestExchange exchange) {
            String header = context.getHttpRequest().getHttpHeaders().getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            DigestExchange.Checked checked = exchange.check(header, requestTarget());
            if (checked instanceof DigestExchange.Checked.NotDigest) {
                boolean otherCredentials = header != null || directGrant && hasPasswordParameters();
                if (otherCredentials && othersMayRun) {
                    context.attempted(); // another scheme, or a plain password grant: the next step's
                } else {
                    context.challenge(challenge(exchange, false, OAuthErrorException.INVALID_REQUEST,
                            header == null ? "Digest authentication required" : "This login requires HTTP Digest authentication"));
                }
            } else if (checked instanceof DigestExchange.Checked.Malformed malformed) {
                context.getEvent().detail(Details.REASON, "malformed Digest authorization: " + malformed.reason()).error(Errors.INVALID_REQUEST);
                context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, error(Response.Status.BAD_REQUEST,
                        OAuthErrorException.INVALID_REQUEST, "Malformed Digest authorization: " + malformed.reason()));
            } else if (checked instanceof DigestExchange.Checked.Stale) {
                context.challenge(challenge(exchange, true, OAuthErrorException.INVALID_GRANT, "Digest nonce expired"));
            } else if (checked instanceof DigestExchange.Checked.Rejected rejected) {
                context.getEvent().detail(Details.REASON, "Digest authorization rejected: " + rejected.reason()).error(Errors.INVALID_REQUEST);
                context.challenge(challenge(exchange, false, OAuthErrorException.INVALID_GRANT,
                        "Digest authorization rejected: " + rejected.reason()));
            } else if (checked instanceof DigestExchange.Checked.Valid valid) {
                verify(exchange, valid.authorization());
            }
        }

        private void verify(DigestExchange exchange, DigestAuthorization authorization) {
            context.getEvent().detail(Details.USERNAME, authorization.username()).detail(Details.AUTH_METHOD, AUTH_METHOD);
            context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, authorization.username());
            byte[] body = loginRequest.map(DigestLoginRequest::body).orElse(new byte[0]);
            DigestUserVerifier.Result result = new DigestUserVerifier(context.getSession(), context.getRealm(), exchange)
                    .verify(authorization, context.getHttpRequest().getHttpMethod(), body);

            UserModel identified = context.getUser();
            if (result instanceof DigestUserVerifier.Result.Verified verified
                    && identified != null && !identified.getId().equals(verified.user().getId())) {
                // An earlier step (e.g. the username step before a conditional sub-flow) named another user.
                context.getEvent().user(identified).detail(Details.REASON, "Digest username is not the user identified by earlier steps")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.Verified verified) {
                succeed(exchange, authorization, verified);
            } else if (result instanceof DigestUserVerifier.Result.UnknownUser) {
                context.getEvent().error(Errors.USER_NOT_FOUND);
                context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.ServiceAccount) {
                context.getEvent().detail(Details.REASON, "User is a service account").error(Errors.INVALID_USER);
                context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.LockedOut locked) {
                context.getEvent().user(locked.user()).error(locked.eventError());
                context.forceChallenge(invalidCredentials(exchange)); // not counted again, as in ValidateUsername
            } else if (result instanceof DigestUserVerifier.Result.Disabled disabled) {
                context.getEvent().user(disabled.user()).error(Errors.USER_DISABLED);
                // Told only to whoever sent the right response, as Keycloak's password grant does.
                context.forceChallenge(disabled.responseVerified()
                        ? error(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_GRANT, "Account disabled")
                        : invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.WrongResponse wrong) {
                context.setUser(wrong.user()); // counts toward brute-force lockout like a password failure
                context.getEvent().user(wrong.user()).error(Errors.INVALID_USER_CREDENTIALS);
                context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.Replayed replayed) {
                context.getEvent().user(replayed.user()).detail(Details.REASON, "replayed nonce and nc").error(Errors.INVALID_REQUEST);
                context.challenge(challenge(exchange, false, OAuthErrorException.INVALID_GRANT, "Digest authorization already used"));
            }
        }

        private void succeed(DigestExchange exchange, DigestAuthorization authorization, DigestUserVerifier.Result.Verified verified) {
            UserModel user = verified.user();
            if (loginRequest.isPresent()) {
                // The endpoint writes Authentication-Info over the token JSON it sends, and continues the caller's
                // SSO session when it is this user's, as Keycloak's cookie step does in a browser.
                loginRequest.get().verified(authorization, verified.ha1());
                loginRequest.get().ssoSession()
                        .filter(sso -> sso.getUser() != null && sso.getUser().getId().equals(user.getId()))
                        .ifPresent(context::attachUserSession);
            } else {
                exchange.authenticationInfo(authorization, verified.ha1(), new byte[0]).ifPresent(info ->
                        context.getSession().getContext().getHttpResponse().setHeader(AUTHENTICATION_INFO, info));
            }
            context.setUser(user);
            context.success(PasswordCredentialModel.TYPE); // so a success resets brute-force failures like a password login
        }

        void misconfigured(InvalidSettingsException e) {
            LOG.errorf("The http-digest step of flow execution %s in realm %s has invalid settings (%s); fix them in the admin console",
                    context.getExecution().getId(), context.getRealm().getName(), e.getMessage());
            context.getEvent().detail(Details.REASON, "invalid http-digest settings").error(Errors.INVALID_CONFIG);
            context.failure(AuthenticationFlowError.INTERNAL_ERROR, error(Response.Status.SERVICE_UNAVAILABLE,
                    OAuthErrorException.TEMPORARILY_UNAVAILABLE, "HTTP Digest login is not available"));
        }

        private Response invalidCredentials(DigestExchange exchange) {
            return challenge(exchange, false, OAuthErrorException.INVALID_GRANT, INVALID_CREDENTIALS);
        }

        /**
         * A 401 with one {@code WWW-Authenticate} value per algorithm. Direct grant: an OAuth JSON error. Browser,
         * REQUIRED: Keycloak's error page. Browser, ALTERNATIVE: like Keycloak's Kerberos step, a page that continues
         * the flow, so other login steps still work when the user cancels the browser's Digest prompt.
         */
        private Response challenge(DigestExchange exchange, boolean stale, String error, String description) {
            List<String> challenges = exchange.challenge(stale);
            Response.ResponseBuilder response;
            if (directGrant) {
                response = OAuthErrors.builder(Response.Status.UNAUTHORIZED.getStatusCode(), error, description);
            } else if (!othersMayRun) {
                Response page = context.form().setError(description).createErrorPage(Response.Status.UNAUTHORIZED);
                response = Response.fromResponse(page);
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

        /** A refusal without a challenge: OAuth JSON in a direct grant, Keycloak's error page in a browser. */
        private Response error(Response.Status status, String error, String description) {
            return directGrant ? OAuthErrors.response(status, error, description)
                    : context.form().setError(description).createErrorPage(status);
        }

        private boolean isBodyless() {
            String method = context.getHttpRequest().getHttpMethod();
            return "GET".equals(method) || "HEAD".equals(method);
        }

        private String requestTarget() {
            URI uri = context.getHttpRequest().getUri().getRequestUri();
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }

        private boolean hasPasswordParameters() {
            return context.getHttpRequest().getDecodedFormParameters().containsKey("password");
        }
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
