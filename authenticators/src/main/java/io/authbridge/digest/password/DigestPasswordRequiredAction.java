package io.authbridge.digest.password;

import io.authbridge.common.InvalidSettingsException;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.credential.DigestHa1CredentialModel;
import io.authbridge.digest.credential.DigestHa1CredentialProviderFactory;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.CredentialRegistrator;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The user chooses the password that devices and apps will use with HTTP Digest. It is stored as HA1 only
 * ({@code digest-ha1}), for the realm's own Digest login settings ({@link DigestSettings#forRealmLogin}) — the
 * same ones the admin REST call uses — and must pass the realm's password policy. An admin assigns it in the console
 * (<em>Users → user → Required user actions</em>, or <em>Credentials → Credential Reset</em> by email); apps can start
 * it with {@code kc_action}. Like every HA1, it counts until the user's login password changes.
 */
public class DigestPasswordRequiredAction implements RequiredActionProvider, CredentialRegistrator {

    private static final Logger LOG = Logger.getLogger(DigestPasswordRequiredAction.class);
    static final String TEMPLATE = "http-digest-password.ftl";
    static final String PASSWORD_FIELD = "digest-password";
    static final String CONFIRM_FIELD = "digest-password-confirm";
    /** Shown while the realm's Digest settings are invalid; the admin finds the reason in the log. */
    static final String UNAVAILABLE_MESSAGE = "authbridgeDigestPasswordUnavailable";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /** The type this action sets up: Keycloak then counts it as registering a credential (e.g. for the session's acr). */
    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return DigestHa1CredentialModel.TYPE;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Only an admin (or an app, through kc_action) asks for it.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(context.form().createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        EventBuilder event = context.getEvent().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, DigestHa1CredentialModel.TYPE);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String password = form.getFirst(PASSWORD_FIELD);
        if (password == null || password.isEmpty()) {
            refuse(context, event, new FormMessage(PASSWORD_FIELD, Messages.MISSING_PASSWORD), Errors.PASSWORD_MISSING);
            return;
        }
        if (!password.equals(form.getFirst(CONFIRM_FIELD))) {
            refuse(context, event, new FormMessage(CONFIRM_FIELD, Messages.NOTMATCH_PASSWORD), Errors.PASSWORD_CONFIRM_ERROR);
            return;
        }
        PolicyError policy = context.getSession().getProvider(PasswordPolicyManagerProvider.class)
                .validate(context.getRealm(), context.getUser(), password);
        if (policy != null) {
            event.detail(Details.REASON, "password policy: " + policy.getMessage());
            refuse(context, event, new FormMessage(PASSWORD_FIELD, policy.getMessage(), policy.getParameters()), Errors.PASSWORD_REJECTED);
            return;
        }
        DigestSettings settings;
        try {
            settings = DigestSettings.forRealmLogin(context.getRealm());
        } catch (InvalidSettingsException e) {
            LOG.errorf("A user of realm %s cannot set a Digest password: the realm's HTTP Digest login step has invalid "
                    + "settings (%s); fix them in the admin console", context.getRealm().getName(), e.getMessage());
            event.clone().event(EventType.UPDATE_CREDENTIAL_ERROR).detail(Details.REASON, "invalid HTTP Digest settings")
                    .error(Errors.INVALID_CONFIG);
            context.challenge(context.form().setError(UNAVAILABLE_MESSAGE).createForm(TEMPLATE));
            return;
        }
        DigestHa1CredentialProviderFactory.of(context.getSession())
                .store(context.getRealm(), context.getUser(), settings.digestRealm(), settings.algorithms(), password);
        event.clone().detail("digest_realm", settings.digestRealm()).success();
        context.success();
    }

    private static void refuse(RequiredActionContext context, EventBuilder event, FormMessage message, String error) {
        event.clone().event(EventType.UPDATE_CREDENTIAL_ERROR).error(error);
        Response form = context.form().addError(message).createForm(TEMPLATE);
        context.challenge(form);
    }

    @Override
    public void close() {
    }
}
