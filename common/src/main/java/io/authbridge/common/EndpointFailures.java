package io.authbridge.common;

import java.net.SocketException;
import java.sql.SQLException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;

/**
 * The last answer of every AuthBridge endpoint, for a failure no input explains: input is validated before use, so
 * this is a bug or an infrastructure failure (the database gone). Nothing half-done is stored, the operator gets the
 * stack trace in the server log, the caller a plain OAuth error with nothing of it.
 */
public final class EndpointFailures {

    private EndpointFailures() {
    }

    /**
     * Commits the request's transaction before the endpoint answers, so that a database that fails at commit (where a
     * login's session is stored) gives the endpoint's own 503 through {@link #unexpected}, not Keycloak's generic 500
     * after the endpoint has returned. Keycloak's own end of request then finds the transaction complete and leaves
     * it (a manager's transaction cannot be begun twice); one already marked rollback-only is left to Keycloak.
     */
    public static Response commitBeforeAnswering(KeycloakSession session, Response response) {
        KeycloakTransactionManager transaction = session.getTransactionManager();
        if (transaction.isActive() && !transaction.getRollbackOnly()) {
            transaction.commit();
        }
        return response;
    }

    /**
     * 503 {@code temporarily_unavailable} with {@code Retry-After} when the failure is the storage's — a JDBC,
     * persistence or connection-pool exception anywhere in the cause chain, or a cluster cache that timed out waiting
     * for another node (the single-use store while a node is frozen): the request may succeed once it is back; else
     * 400 {@code invalid_request}.
     *
     * @param what the endpoint, for the log line (e.g. "Digest login")
     * @return the response, for the caller to add its headers (CORS) to
     */
    public static Response.ResponseBuilder unexpected(KeycloakSession session, Logger log, String what, RuntimeException e) {
        return unexpected(session, log, what, e, null);
    }

    /**
     * As {@link #unexpected(KeycloakSession, Logger, String, RuntimeException)}, recording the failure as an
     * {@code invalid_request} error event too — unless the database failed, which the event store needs.
     */
    public static Response.ResponseBuilder unexpected(KeycloakSession session, Logger log, String what, RuntimeException e,
                                                      EventBuilder event) {
        boolean storageFailure = isStorageFailure(e);
        if (event != null && !storageFailure) {
            event.error(Errors.INVALID_REQUEST);
        }
        String realm = session.getContext().getRealm() == null ? "?" : session.getContext().getRealm().getName();
        session.getTransactionManager().setRollbackOnly();
        if (storageFailure) {
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
            // SocketException: a refused or cut connection, which an endpoint meets only on its way to the database
            // (Keycloak's JPA layer wraps it in a ModelException without SQLException in between).
            if (cause instanceof SQLException || cause instanceof SocketException || name.startsWith("jakarta.persistence.")
                    || name.startsWith("jakarta.transaction.") || name.startsWith("org.hibernate.exception.")
                    || name.startsWith("io.agroal.") || name.equals("org.infinispan.commons.TimeoutException")) {
                return true;
            }
        }
        return false;
    }
}
