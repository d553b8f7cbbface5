package io.authbridge.common;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.RealmModel;

/**
 * What every AuthBridge entry point does when a step's settings reached Keycloak past the admin console's check (a
 * realm import) and cannot work: tell the operator which execution to fix, and answer its requests with a clear 503
 * instead of running on defaults.
 */
public final class MisconfiguredStep {

    private static final Logger LOG = Logger.getLogger(MisconfiguredStep.class);

    private MisconfiguredStep() {
    }

    /**
     * @param executionId the flow execution, or null where the caller knows only the step
     */
    public static void log(RealmModel realm, String providerId, String executionId, InvalidSettingsException e) {
        LOG.errorf("The %s in realm %s has invalid settings (%s); fix them in the admin console",
                executionId == null ? providerId + " execution" : providerId + " step of flow execution " + executionId,
                realm.getName(), e.getMessage());
    }

    /** The event reason for such a refusal. */
    public static String reason(String providerId) {
        return "invalid " + providerId + " settings";
    }

    /** 503 {@code temporarily_unavailable}, e.g. "HTTP Digest login is not available". */
    public static Response response(String unavailable) {
        return OAuthErrors.response(Response.Status.SERVICE_UNAVAILABLE, OAuthErrorException.TEMPORARILY_UNAVAILABLE, unavailable);
    }
}
