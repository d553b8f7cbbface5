package io.authbridge.ippolicy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.authbridge.common.OAuthErrors;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientModelContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import static org.keycloak.services.clientpolicy.ClientPolicyEvent.*;

/**
 * Rejects a client's authorization and token requests that come from an address outside its allow-list:
 * the ranges in the client profile plus those in the client attribute {@value #CLIENT_ATTRIBUTE}.
 */
public class IpAllowListExecutor implements ClientPolicyExecutorProvider<IpAllowListExecutor.Configuration> {

    public static final String CLIENT_ATTRIBUTE = "authbridge.ip-allowlist";

    /**
     * Every event in which a client starts an authorization or obtains, refreshes, exchanges, introspects
     * or revokes tokens. Each remaining event is listed in {@link #EXEMPT_EVENTS} with the reason, and a unit
     * test fails when Keycloak adds an event that is in neither set.
     */
    static final Set<ClientPolicyEvent> ENFORCED_EVENTS = EnumSet.of(
            AUTHORIZATION_REQUEST, PUSHED_AUTHORIZATION_REQUEST,
            TOKEN_REQUEST, SERVICE_ACCOUNT_TOKEN_REQUEST, TOKEN_REFRESH, TOKEN_EXCHANGE_REQUEST,
            RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST, JWT_AUTHORIZATION_GRANT,
            TOKEN_INTROSPECT, TOKEN_REVOKE, USERINFO_REQUEST,
            BACKCHANNEL_AUTHENTICATION_REQUEST, BACKCHANNEL_TOKEN_REQUEST,
            DEVICE_AUTHORIZATION_REQUEST, DEVICE_TOKEN_REQUEST,
            IDENTITY_BROKERING_API, SAML_AUTHN_REQUEST);

    static final Set<ClientPolicyEvent> EXEMPT_EVENTS = EnumSet.of(
            // Admin and dynamic-registration operations on the client: guarded by admin permissions;
            // the allow-list restricts where the client itself calls from, not where admins work.
            REGISTER, REGISTERED, UPDATE, UPDATED, VIEW, UNREGISTER,
            // The client is not yet verified here; AUTHORIZATION_REQUEST follows and is enforced.
            PRE_AUTHORIZATION_REQUEST,
            // Raised before the client is authenticated; TOKEN_REQUEST and the per-grant events follow.
            PRE_TOKEN_REQUEST,
            // Responses to requests that were already checked.
            IMPLICIT_HYBRID_TOKEN_RESPONSE, TOKEN_RESPONSE, SERVICE_ACCOUNT_TOKEN_RESPONSE, TOKEN_REFRESH_RESPONSE,
            TOKEN_REVOKE_RESPONSE, BACKCHANNEL_TOKEN_RESPONSE, DEVICE_TOKEN_RESPONSE,
            RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE,
            // Ending a session only reduces access; a user must be able to log out from anywhere.
            LOGOUT_REQUEST, SAML_LOGOUT_REQUEST);

    private static final Logger LOG = Logger.getLogger(IpAllowListExecutor.class);

    private final KeycloakSession session;
    private List<String> profileEntries = List.of();

    public IpAllowListExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return IpAllowListExecutorFactory.PROVIDER_ID;
    }

    @Override
    public Class<Configuration> getExecutorConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public void setupConfiguration(Configuration config) {
        // Parsed in executeOnEvent: Keycloak sets up the executor for every policy event, most of which it ignores.
        profileEntries = config == null || config.getAllowedRanges() == null ? List.of() : config.getAllowedRanges();
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (!ENFORCED_EVENTS.contains(context.getEvent())) {
            return;
        }
        ClientModel client = context instanceof ClientModelContext clientContext && clientContext.getClient() != null
                ? clientContext.getClient()
                : session.getContext().getClient();
        String clientAddress = session.getContext().getConnection().getRemoteAddr();
        if (!isAllowed(client, clientAddress)) {
            reject(context.getEvent(), client, clientAddress);
        }
    }

    private boolean isAllowed(ClientModel client, String clientAddress) {
        IpAllowList profileRanges;
        try {
            profileRanges = IpAllowList.of(profileEntries);
        } catch (IllegalArgumentException e) {
            // Saved profiles are validated (Configuration#validateConfig); this is reached only by a profile
            // stored by other means. Fail closed rather than silently dropping the entry.
            LOG.warnf("ip-allowlist executor has an invalid configuration (%s); request from %s denied",
                    e.getMessage(), clientAddress);
            return false;
        }
        try {
            IpAllowList perClient = IpAllowList.ofAttribute(client == null ? null : client.getAttribute(CLIENT_ATTRIBUTE));
            return profileRanges.plus(perClient).allows(clientAddress);
        } catch (IllegalArgumentException e) {
            // Saved clients are validated (IpAllowListExecutorFactory#postInit); fail closed on anything else.
            LOG.warnf("Client '%s' has an invalid %s attribute (%s); request from %s denied",
                    client.getClientId(), CLIENT_ATTRIBUTE, e.getMessage(), clientAddress);
            return false;
        }
    }

    /**
     * Browser-facing authorization requests go back to Keycloak, which answers as OAuth prescribes (a redirect
     * with {@code error=access_denied}, or an error page). Back-channel requests get HTTP 403 with OAuth JSON:
     * Keycloak turns a policy error into a 400 on some endpoints (client_credentials, introspection), so the
     * executor answers itself and records the error event the endpoint would have recorded.
     */
    private void reject(ClientPolicyEvent event, ClientModel client, String clientAddress) throws ClientPolicyException {
        String description = "Requests from " + clientAddress + " are not allowed for this client";
        if (event == AUTHORIZATION_REQUEST || event == SAML_AUTHN_REQUEST) {
            throw new ClientPolicyException(OAuthErrorException.ACCESS_DENIED, description, Response.Status.FORBIDDEN);
        }
        new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection())
                .event(errorEventTypeOf(event))
                .client(client)
                .detail(Details.REASON, Details.CLIENT_POLICY_ERROR)
                .detail(Details.CLIENT_POLICY_ERROR, OAuthErrorException.ACCESS_DENIED)
                .detail(Details.CLIENT_POLICY_ERROR_DETAIL, description)
                .error(Errors.ACCESS_DENIED);
        throw OAuthErrors.exception(Response.Status.FORBIDDEN.getStatusCode(), OAuthErrorException.ACCESS_DENIED, description);
    }

    /** The event type the endpoint behind each policy event records, so admins find the failure where they expect it. */
    static EventType errorEventTypeOf(ClientPolicyEvent event) {
        return switch (event) {
            case TOKEN_REQUEST -> EventType.CODE_TO_TOKEN;
            case TOKEN_REFRESH -> EventType.REFRESH_TOKEN;
            case TOKEN_EXCHANGE_REQUEST -> EventType.TOKEN_EXCHANGE;
            case RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST -> EventType.LOGIN;
            case JWT_AUTHORIZATION_GRANT -> EventType.JWT_AUTHORIZATION_GRANT;
            case TOKEN_INTROSPECT -> EventType.INTROSPECT_TOKEN;
            case TOKEN_REVOKE -> EventType.REVOKE_GRANT;
            case USERINFO_REQUEST -> EventType.USER_INFO_REQUEST;
            case BACKCHANNEL_TOKEN_REQUEST -> EventType.AUTHREQID_TO_TOKEN;
            case DEVICE_AUTHORIZATION_REQUEST -> EventType.OAUTH2_DEVICE_AUTH;
            case DEVICE_TOKEN_REQUEST -> EventType.OAUTH2_DEVICE_CODE_TO_TOKEN;
            case PUSHED_AUTHORIZATION_REQUEST -> EventType.PUSHED_AUTHORIZATION_REQUEST;
            case IDENTITY_BROKERING_API -> EventType.IDENTITY_PROVIDER_RETRIEVE_TOKEN;
            case AUTHORIZATION_REQUEST, BACKCHANNEL_AUTHENTICATION_REQUEST, SAML_AUTHN_REQUEST -> EventType.LOGIN;
            default -> EventType.CLIENT_LOGIN; // SERVICE_ACCOUNT_TOKEN_REQUEST
        };
    }

    /** The executor's configuration in a client profile, mirrored by the factory's config properties. */
    public static class Configuration extends ClientPolicyExecutorConfigurationRepresentation {

        @JsonProperty(IpAllowListExecutorFactory.ALLOWED_RANGES)
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        private List<String> allowedRanges;

        public List<String> getAllowedRanges() {
            return allowedRanges;
        }

        public void setAllowedRanges(List<String> allowedRanges) {
            this.allowedRanges = allowedRanges;
        }

        /**
         * Called by Keycloak when an admin saves a client profile (admin console, admin REST, realm import).
         * Keycloak's boolean answer would surface only as a generic "invalid configuration" message, so an
         * invalid entry is refused with a 400 that names it.
         */
        @Override
        public boolean validateConfig() {
            try {
                IpAllowList.of(allowedRanges);
                return true;
            } catch (IllegalArgumentException e) {
                throw OAuthErrors.exception(Response.Status.BAD_REQUEST.getStatusCode(), OAuthErrorException.INVALID_REQUEST,
                        "Invalid " + IpAllowListExecutorFactory.PROVIDER_ID + " executor configuration: " + e.getMessage());
            }
        }
    }
}
