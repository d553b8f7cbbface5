package io.authbridge.digest.enroll;


import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.MisconfiguredStep;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.credential.DigestHa1CredentialProvider;
import io.authbridge.digest.credential.DigestHa1CredentialProviderFactory;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;

/**
 * Placed after the password step of the browser or direct-grant flow: derives HA1 from the password just entered
 * and stores it as the user's digest-ha1 credential, so the next login can use HTTP Digest.
 * <p>
 * It writes only when the user has no current HA1 for every configured algorithm (first login, or the password
 * changed since), and then checks the password again first, so a misplaced execution can never store an HA1 of
 * an unverified password. It never fails the login: Digest enrolment is a side effect.
 */
public class DigestEnrollAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(DigestEnrollAuthenticator.class);
    private static final String PASSWORD_PARAMETER = "password";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        String password = context.getHttpRequest().getDecodedFormParameters().getFirst(PASSWORD_PARAMETER);
        if (user != null && password != null && !password.isEmpty()) {
            DigestSettings settings;
            try {
                settings = DigestSettings.of(context.getRealm(), context.getAuthenticatorConfig() == null ? null
                        : context.getAuthenticatorConfig().getConfig());
            } catch (InvalidSettingsException e) {
                // The login itself stands: enrolment is a side effect of it, and the admin is told in the log.
                MisconfiguredStep.log(context.getRealm(), DigestProviderIds.ENROLL, context.getExecution().getId(), e);
                context.success();
                return;
            }
            DigestHa1CredentialProvider credentials = DigestHa1CredentialProviderFactory.of(context.getSession());
            if (!credentials.hasCurrent(user, settings.digestRealm(), settings.algorithms())) {
                if (user.credentialManager().isValid(UserCredentialModel.password(password))) {
                    credentials.store(context.getRealm(), user, settings.digestRealm(), settings.algorithms(), password);
                } else {
                    LOG.warnf("http-digest-enroll in realm %s runs without a verified password before it; nothing stored",
                            context.getRealm().getName());
                }
            }
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
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
