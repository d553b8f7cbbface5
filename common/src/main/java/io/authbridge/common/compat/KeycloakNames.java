package io.authbridge.common.compat;

/**
 * Event and context names that Keycloak defines as constants only from a later line (the same strings on every
 * line; Keycloak compares them by value).
 */
public final class KeycloakNames {

    /** {@code Errors.INVALID_USER} (26.4+). */
    public static final String ERROR_INVALID_USER = "invalid_user";
    /** {@code Details.CLIENT_POLICY_ERROR} (26.2+). */
    public static final String DETAIL_CLIENT_POLICY_ERROR = "client_policy_error";
    /** {@code Details.CLIENT_POLICY_ERROR_DETAIL} (26.2+). */
    public static final String DETAIL_CLIENT_POLICY_ERROR_DETAIL = "client_policy_error_detail";
    /** {@code Constants.GRANT_TYPE}: the client-session-context attribute naming the grant (26.2+). */
    public static final String GRANT_TYPE_ATTRIBUTE = "grant_type";

    private KeycloakNames() {
    }
}
