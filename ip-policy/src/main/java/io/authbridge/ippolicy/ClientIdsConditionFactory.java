package io.authbridge.ippolicy;

import java.util.ArrayList;
import java.util.List;

import io.authbridge.common.ValidatedCondition;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProviderFactory;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider;
import org.keycloak.util.JsonSerialization;

public class ClientIdsConditionFactory extends AbstractClientPolicyConditionProviderFactory implements ValidatedCondition {

    public static final String PROVIDER_ID = "client-ids";
    public static final String CLIENTS = "clients";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = new ArrayList<>();

    static {
        addCommonConfigProperties(CONFIG_PROPERTIES);
        CONFIG_PROPERTIES.add(new ProviderConfigProperty(CLIENTS, "Clients",
                "Client IDs of the clients the policy applies to (e.g. a partner's API key, to pin it to its addresses "
                        + "with an ip-allowlist profile). With Negative Logic on, every other client.",
                ProviderConfigProperty.MULTIVALUED_STRING_TYPE, null));
    }

    @Override
    public ClientPolicyConditionProvider create(KeycloakSession session) {
        return new ClientIdsCondition(session);
    }

    /**
     * Called when an admin saves a policy: by Keycloak from 26.4, by {@code ClientPolicySettingsFilter} on 26.0 and 26.2.
     * A client ID that names no client of the realm is refused: a typo would leave the client unguarded.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm,
                                      ClientPolicyConditionRepresentation condition) throws ClientPolicyException {
        ClientIdsCondition.Configuration parsed;
        try {
            parsed = JsonSerialization.mapper.convertValue(condition.getConfiguration(), ClientIdsCondition.Configuration.class);
        } catch (IllegalArgumentException e) {
            throw new ClientPolicyException("'" + CLIENTS + "' must be a list of client IDs");
        }
        List<String> clients = parsed == null || parsed.getClients() == null ? List.of() : parsed.getClients();
        if (clients.isEmpty()) {
            throw new ClientPolicyException("Clients: name at least one client ID");
        }
        List<String> unknown = clients.stream()
                .filter(clientId -> clientId == null || session.clients().getClientByClientId(realm, clientId) == null)
                .toList();
        if (!unknown.isEmpty()) {
            throw new ClientPolicyException("Clients: no client of this realm has the client ID " + unknown);
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: matches requests of the listed clients (by client ID), on every kind of request, e.g. to"
                + " give one client an ip-allowlist profile of its own.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
