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

/**
 * Votes YES when the request's client is one of the listed client IDs, NO otherwise — on every client-policy event,
 * on every Keycloak line. Keycloak's own client-selecting conditions abstain on some events before 26.5/26.6
 * (token exchange, password grants: README "Compatibility"), so a policy selected by them would not guard those
 * requests; this one names the clients and always votes.
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
        ClientModel client = ClientPolicyContexts.client(context, session);
        List<String> clients = configuration.getClients();
        return client != null && clients != null && clients.contains(client.getClientId()) ? ClientPolicyVote.YES : ClientPolicyVote.NO;
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
