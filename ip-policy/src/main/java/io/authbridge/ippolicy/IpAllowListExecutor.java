package io.authbridge.ippolicy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.authbridge.common.FailedCheck;
import io.authbridge.common.OAuthErrors;
import io.authbridge.common.compat.ClientPolicyContexts;
import io.authbridge.common.compat.KeycloakNames;
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
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Rejects a client's authorization and token requests that come from an address outside its allow-list:
 * the ranges in the client profile plus those in the client attribute {@value #CLIENT_ATTRIBUTE}. Which
 * client-policy events it checks is {@link AllowListEvents}: every event but the exempt ones, so an event a later
 * Keycloak adds is checked too.
 */
public class IpAllowListExecutor implements ClientPolicyExecutorProvider<IpAllowListExecutor.Configuration> {

    public static final String CLIENT_ATTRIBUTE = "authbridge.ip-allowlist";

    private static final Logger LOG = Logger.getLogger(IpAllowListExecutor.class);
    /** The names of the event types the running Keycloak has (they differ between lines). */
    private static final Set<String> EVENT_TYPES_OF_THIS_LINE =
            Arrays.stream(EventType.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

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
        String event = context.getEvent() == null ? "" : context.getEvent().name();
        if (!AllowListEvents.isEnforced(event)) {
            return;
        }
        ClientModel client = ClientPolicyContexts.client(context, session);
        String clientAddress = session.getContext().getConnection().getRemoteAddr();
        if (!isAllowed(client, clientAddress)) {
            reject(event, client, clientAddress);
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
    private void reject(String event, ClientModel client, String clientAddress) throws ClientPolicyException {
        String description = "Requests from " + clientAddress + " are not allowed for this client";
        if (AllowListEvents.BROWSER_FACING.contains(event)) {
            throw new ClientPolicyException(OAuthErrorException.ACCESS_DENIED, description, Response.Status.FORBIDDEN);
        }
        EventBuilder refusal = new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection())
                .event(errorEventTypeOf(event))
                .client(client);
        FailedCheck.IP_ALLOWLIST.on(refusal)
                .detail(Details.REASON, KeycloakNames.DETAIL_CLIENT_POLICY_ERROR)
                .detail(KeycloakNames.DETAIL_CLIENT_POLICY_ERROR, OAuthErrorException.ACCESS_DENIED)
                .detail(KeycloakNames.DETAIL_CLIENT_POLICY_ERROR_DETAIL, description)
                .error(Errors.ACCESS_DENIED);
        throw OAuthErrors.exception(Response.Status.FORBIDDEN.getStatusCode(), OAuthErrorException.ACCESS_DENIED, description);
    }

    /** The event type the endpoint behind a policy event records, so admins find the failure where they expect it. */
    static EventType errorEventTypeOf(String event) {
        return AllowListEvents.errorEventTypes(event).stream().filter(EVENT_TYPES_OF_THIS_LINE::contains).findFirst()
                .map(EventType::valueOf).orElse(EventType.CLIENT_LOGIN);
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
