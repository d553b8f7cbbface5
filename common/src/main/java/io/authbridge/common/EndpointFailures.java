package io.authbridge.common;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;

/**
 * The last answer of every AuthBridge endpoint, for a failure no input explains: input is validated before use, so
 * this is a bug or an infrastructure failure (the database gone). Nothing half-done is stored, the operator gets the
 * stack trace in the server log, the caller a plain OAuth error with nothing of it.
 */
public final class EndpointFailures {

    private EndpointFailures() {
    }

    /**
     * @param what the endpoint, for the log line (e.g. "Digest login")
     * @return the response, for the caller to add its headers (CORS) to
     */
    public static Response.ResponseBuilder unexpected(KeycloakSession session, Logger log, String what, RuntimeException e) {
        String realm = session.getContext().getRealm() == null ? "?" : session.getContext().getRealm().getName();
        log.warnf(e, "%s failed unexpectedly in realm %s", what, realm);
        session.getTransactionManager().setRollbackOnly();
        return OAuthErrors.builder(Response.Status.BAD_REQUEST.getStatusCode(), OAuthErrorException.INVALID_REQUEST,
                "The request could not be processed");
    }
}
