package io.authbridge.ippolicy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ClientPolicyConditionConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyVote;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProvider;

/**
 * Votes YES when the request comes from an address inside the configured ranges (NO otherwise; the
 * standard negative-logic switch turns it into "outside these ranges").
 */
public class ClientIpCondition extends AbstractClientPolicyConditionProvider<ClientIpCondition.Configuration> {

    private static final Logger LOG = Logger.getLogger(ClientIpCondition.class);

    public ClientIpCondition(KeycloakSession session) {
        super(session);
    }

    @Override
    public String getProviderId() {
        return ClientIpConditionFactory.PROVIDER_ID;
    }

    @Override
    public Class<Configuration> getConditionConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public ClientPolicyVote applyPolicy(ClientPolicyContext context) {
        IpAllowList ranges;
        try {
            ranges = IpAllowList.of(configuration.getRanges());
        } catch (IllegalArgumentException e) {
            // Saved policies are validated by the factory (26.4+); a policy stored otherwise matches nothing.
            LOG.warnf("client-ip condition has an invalid configuration (%s); it matches no request", e.getMessage());
            return ClientPolicyVote.NO;
        }
        String clientAddress = session.getContext().getConnection().getRemoteAddr();
        return ranges.allows(clientAddress) ? ClientPolicyVote.YES : ClientPolicyVote.NO;
    }

    public static class Configuration extends ClientPolicyConditionConfigurationRepresentation {

        @JsonProperty(ClientIpConditionFactory.RANGES)
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        private List<String> ranges;

        public List<String> getRanges() {
            return ranges;
        }

        public void setRanges(List<String> ranges) {
            this.ranges = ranges;
        }
    }
}
