package io.authbridge.digest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.authbridge.common.FailedCheck;
import io.authbridge.common.FlowExecutions;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.MisconfiguredStep;
import io.authbridge.common.compat.KeycloakContexts;
import io.authbridge.common.compat.KeycloakNames;
import io.authbridge.digest.core.DigestAuthorization;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
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
 * What the browser and direct-grant Digest steps share: reading the step's settings, the checks of the
 * {@code Authorization} header ({@link DigestExchange}), the user ({@link DigestUserVerifier}, the rules of Keycloak's
 * direct-grant steps) and the decision between a challenge, {@code attempted()}, a failure and a success. How an
 * answer looks — OAuth JSON or a login page — is the subclass's, as Keycloak separates its {@code browser/} and
 * {@code directgrant/} steps.
 * <p>
 * Modelled on Keycloak's Kerberos step: no {@code Authorization} header → a 401 challenge; another scheme (or a
 * password grant's username and password) → {@code attempted()} so the next step runs; a valid Digest response → the
 * user. Where the flow has no other way to log in (a REQUIRED step, or an ALTERNATIVE without a later alternative,
 * up to the top-level flow) nothing but Digest can pass, so everything else is answered with the challenge — never
 * {@code attempted()}, which Keycloak turns into a 500 there. An unknown user, a service account, a locked-out user
 * and a wrong response get the same answer, and only a wrong response counts toward brute-force lockout.
 */
public abstract class DigestLoginStep implements Authenticator {

    private static final String INVALID_CREDENTIALS = "Invalid user credentials";

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
        step.run(DigestExchange.of(context.getSession(), context.getRealm(), settings, step.body.isPresent()));
    }

    /** The user cancelled the browser's Digest prompt and the page posted back: continue with the next step. */
    @Override
    public void action(AuthenticationFlowContext context) {
        context.attempted();
    }

    /** The raw request body when this step can read it (for qop=auth-int), else empty. */
    protected abstract Optional<byte[]> requestBody(AuthenticationFlowContext context);

    /** Whether the request carries credentials of another kind, which other steps of the flow may accept. */
    protected abstract boolean hasOtherCredentials(AuthenticationFlowContext context, String authorizationHeader);

    /**
     * A 401 with these {@code WWW-Authenticate} values.
     *
     * @param othersMayRun whether the flow has another way to log in (the answer may offer to continue there)
     */
    protected abstract Response challenge(AuthenticationFlowContext context, List<String> challenges, boolean othersMayRun,
                                          String error, String description);

    /** A refusal without a challenge. */
    protected abstract Response refusal(AuthenticationFlowContext context, Response.Status status, String error, String description);

    /** After a verified login: e.g. the {@code Authentication-Info} header. */
    protected abstract void verified(AuthenticationFlowContext context, DigestExchange exchange, DigestAuthorization authorization,
                                     DigestUserVerifier.Result.Verified verified);

    private static Map<String, String> config(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    /** One run of the step for one request. */
    private final class Step {

        private final AuthenticationFlowContext context;
        /** Whether the flow has another way to log in: else nothing but Digest may pass, and attempted() would be a 500. */
        private final boolean othersMayRun;
        private final Optional<byte[]> body;

        Step(AuthenticationFlowContext context) {
            this.context = context;
            this.othersMayRun = FlowExecutions.hasAlternativeTo(context.getSession(), context.getRealm(), context.getExecution());
            this.body = requestBody(context);
        }

        void run(DigestExchange exchange) {
            String header = context.getHttpRequest().getHttpHeaders().getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            DigestExchange.Checked checked = exchange.check(header, DigestExchange.requestTarget(context.getHttpRequest().getUri().getRequestUri()));
            if (checked instanceof DigestExchange.Checked.NotDigest) {
                if (hasOtherCredentials(context, header) && othersMayRun) {
                    context.attempted(); // another scheme, or a plain password grant: the next step's
                } else {
                    context.challenge(challenge(exchange, false, OAuthErrorException.INVALID_REQUEST,
                            header == null ? "Digest authentication required" : "This login requires HTTP Digest authentication"));
                }
            } else if (checked instanceof DigestExchange.Checked.Malformed malformed) {
                FailedCheck.REQUEST.on(context.getEvent()).detail(Details.REASON, "malformed Digest authorization: " + malformed.reason())
                        .error(Errors.INVALID_REQUEST);
                context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, refusal(context, Response.Status.BAD_REQUEST,
                        OAuthErrorException.INVALID_REQUEST, "Malformed Digest authorization: " + malformed.reason()));
            } else if (checked instanceof DigestExchange.Checked.Stale) {
                context.challenge(challenge(exchange, true, OAuthErrorException.INVALID_GRANT, "Digest nonce expired"));
            } else if (checked instanceof DigestExchange.Checked.Rejected rejected) {
                rejected.check().on(context.getEvent()).detail(Details.REASON, "Digest authorization rejected: " + rejected.reason())
                        .error(Errors.INVALID_REQUEST);
                context.challenge(challenge(exchange, false, OAuthErrorException.INVALID_GRANT,
                        "Digest authorization rejected: " + rejected.reason()));
            } else if (checked instanceof DigestExchange.Checked.Valid valid) {
                verify(exchange, valid.authorization());
            }
        }

        private void verify(DigestExchange exchange, DigestAuthorization authorization) {
            context.getEvent().detail(Details.USERNAME, authorization.username()).detail(Details.AUTH_METHOD, DigestProviderIds.AUTH_METHOD);
            context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, authorization.username());
            DigestUserVerifier.Result result = new DigestUserVerifier(context.getSession(), context.getRealm(), exchange)
                    .verify(authorization, context.getHttpRequest().getHttpMethod(), body.orElse(new byte[0]));

            UserModel identified = context.getUser();
            if (result instanceof DigestUserVerifier.Result.Verified verified
                    && identified != null && !identified.getId().equals(verified.user().getId())) {
                // An earlier step (e.g. the username step before a conditional sub-flow) named another user.
                FailedCheck.USER.on(context.getEvent().user(identified)).detail(Details.REASON, "Digest username is not the user identified by earlier steps")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.Verified verified) {
                succeed(exchange, authorization, verified);
            } else if (result instanceof DigestUserVerifier.Result.UnknownUser) {
                FailedCheck.USER.on(context.getEvent()).detail(Details.REASON, "user not found").error(Errors.USER_NOT_FOUND);
                context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.ServiceAccount) {
                FailedCheck.USER.on(context.getEvent()).detail(Details.REASON, "User is a service account").error(KeycloakNames.ERROR_INVALID_USER);
                context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.LockedOut locked) {
                FailedCheck.LOCKOUT.on(context.getEvent().user(locked.user())).detail(Details.REASON, "user temporarily locked by brute-force detection")
                        .error(locked.eventError());
                context.forceChallenge(invalidCredentials(exchange)); // not counted again, as in ValidateUsername
            } else if (result instanceof DigestUserVerifier.Result.Disabled disabled) {
                FailedCheck.USER.on(context.getEvent().user(disabled.user())).detail(Details.REASON, "user disabled").error(Errors.USER_DISABLED);
                // Told only to whoever sent the right response, as Keycloak's password grant does.
                context.forceChallenge(disabled.responseVerified()
                        ? refusal(context, Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_GRANT, "Account disabled")
                        : invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.WrongResponse wrong) {
                context.setUser(wrong.user()); // counts toward brute-force lockout like a password failure
                FailedCheck.PASSWORD.on(context.getEvent().user(wrong.user())).detail(Details.REASON, "Digest response does not match the password")
                        .error(Errors.INVALID_USER_CREDENTIALS);
                context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, invalidCredentials(exchange));
            } else if (result instanceof DigestUserVerifier.Result.Replayed replayed) {
                FailedCheck.REPLAY.on(context.getEvent().user(replayed.user())).detail(Details.REASON, "replayed nonce and nc").error(Errors.INVALID_REQUEST);
                context.challenge(challenge(exchange, false, OAuthErrorException.INVALID_GRANT, "Digest authorization already used"));
            }
        }

        private void succeed(DigestExchange exchange, DigestAuthorization authorization, DigestUserVerifier.Result.Verified verified) {
            verified(context, exchange, authorization, verified);
            context.setUser(verified.user());
            KeycloakContexts.success(context, PasswordCredentialModel.TYPE); // so a success resets brute-force failures like a password login
        }

        void misconfigured(InvalidSettingsException e) {
            String step = context.getExecution().getAuthenticator();
            MisconfiguredStep.log(context.getRealm(), step, context.getExecution().getId(), e);
            FailedCheck.SETTINGS.on(context.getEvent()).detail(Details.REASON, MisconfiguredStep.reason(step)).error(Errors.INVALID_CONFIG);
            context.failure(AuthenticationFlowError.INTERNAL_ERROR, refusal(context, Response.Status.SERVICE_UNAVAILABLE,
                    OAuthErrorException.TEMPORARILY_UNAVAILABLE, DigestSettings.LOGIN_UNAVAILABLE));
        }

        private Response invalidCredentials(DigestExchange exchange) {
            return challenge(exchange, false, OAuthErrorException.INVALID_GRANT, INVALID_CREDENTIALS);
        }

        private Response challenge(DigestExchange exchange, boolean stale, String error, String description) {
            return DigestLoginStep.this.challenge(context, exchange.challenge(stale), othersMayRun, error, description);
        }
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
