package io.authbridge.ippolicy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.authbridge.common.compat.ClientPolicyContexts;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyConditionConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyVote;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProvider;
import org.keycloak.services.clientpolicy.context.PreAuthorizationRequestContext;

/**
 * Votes YES when the request's client is one of the listed client IDs, NO otherwise — on every client-policy event
 * that has a client, on every Keycloak line (ABSTAIN on the few without one, e.g. a registration). Keycloak's own
 * client-selecting conditions abstain on some events before 26.5/26.6 (token exchange, password grants: README
 * "Compatibility"), so a policy selected by them would not guard those requests; this one names the clients.
 */
public class ClientIdsCondition extends AbstractClientPolicyConditionProvider<ClientIdsCondition.Configuration> {

    public ClientIdsCondition(KeycloakSession session) {
        super(session);
    }

    @Override
    public String getProviderId() {
        return ClientIdsConditionFactory.PROVIDER_ID;
    }

    @Override
    public Class<Configuration> getConditionConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public ClientPolicyVote applyPolicy(ClientPolicyContext context) {
        String clientId = clientIdOf(context);
        if (clientId == null) {
            return ClientPolicyVote.ABSTAIN; // no client to judge (so Negative Logic cannot turn it into "every client")
        }
        List<String> clients = configuration.getClients();
        return clients != null && clients.contains(clientId) ? ClientPolicyVote.YES : ClientPolicyVote.NO;
    }

    /**
     * Before an authorization request has looked its client up, only the request names it (as Keycloak's client-roles
     * condition reads it); afterwards, the client of the event.
     */
    private String clientIdOf(ClientPolicyContext context) {
        if (context instanceof PreAuthorizationRequestContext preAuthorization) {
            return preAuthorization.getClientId();
        }
        ClientModel client = ClientPolicyContexts.client(context, session);
        return client == null ? null : client.getClientId();
    }

    public static class Configuration extends ClientPolicyConditionConfigurationRepresentation {

        @JsonProperty(ClientIdsConditionFactory.CLIENTS)
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        private List<String> clients;

        public List<String> getClients() {
            return clients;
        }

        public void setClients(List<String> clients) {
            this.clients = clients;
        }
    }
}
