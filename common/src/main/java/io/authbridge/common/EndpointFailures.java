package io.authbridge.common;

import jakarta.ws.rs.core.HttpHeaders;
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
     * 503 {@code temporarily_unavailable} with {@code Retry-After} when the failure is the database's (a JDBC,
     * persistence or connection-pool exception anywhere in the cause chain: the request may succeed once it is back);
     * else 400 {@code invalid_request}.
     *
     * @param what the endpoint, for the log line (e.g. "Digest login")
     * @return the response, for the caller to add its headers (CORS) to
     */
    public static Response.ResponseBuilder unexpected(KeycloakSession session, Logger log, String what, RuntimeException e) {
        String realm = session.getContext().getRealm() == null ? "?" : session.getContext().getRealm().getName();
        session.getTransactionManager().setRollbackOnly();
        if (isStorageFailure(e)) {
            log.warnf("%s in realm %s failed: the database is unavailable (%s)", what, realm, e);
            return OAuthErrors.builder(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), OAuthErrorException.TEMPORARILY_UNAVAILABLE,
                    "The service is temporarily unavailable; retry later").header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        log.warnf(e, "%s failed unexpectedly in realm %s", what, realm);
        return OAuthErrors.builder(Response.Status.BAD_REQUEST.getStatusCode(), OAuthErrorException.INVALID_REQUEST,
                "The request could not be processed");
    }

    /** A cluster's database restarts in seconds; clients that honour Retry-After come back after that. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** By class name, so that no JPA or driver classes are needed to compile or load this. */
    static boolean isStorageFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String name = cause.getClass().getName();
            if (name.startsWith("java.sql.") || name.startsWith("jakarta.persistence.") || name.startsWith("org.hibernate.exception.")
                    || name.startsWith("io.agroal.")) {
                return true;
            }
        }
        return false;
    }
}
