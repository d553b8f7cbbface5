package io.authbridge.ippolicy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.authbridge.common.ValidatedCondition;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.condition.AbstractClientPolicyConditionProviderFactory;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider;
import org.keycloak.util.JsonSerialization;

public class ClientIpConditionFactory extends AbstractClientPolicyConditionProviderFactory implements ValidatedCondition {

    public static final String PROVIDER_ID = "client-ip";
    public static final String RANGES = "ranges";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = new ArrayList<>();

    static {
        addCommonConfigProperties(CONFIG_PROPERTIES);
        CONFIG_PROPERTIES.add(new ProviderConfigProperty(RANGES, "Addresses and ranges",
                "IPv4/IPv6 addresses or CIDR ranges (e.g. 10.0.0.0/8, 2001:db8::/32). The condition matches requests whose "
                        + "address, as Keycloak resolved it (see the proxy-headers option), is inside one of them; with "
                        + "Negative Logic on, requests from outside them.",
                ProviderConfigProperty.MULTIVALUED_STRING_TYPE, null));
    }

    @Override
    public ClientPolicyConditionProvider create(KeycloakSession session) {
        return new ClientIpCondition(session);
    }

    /**
     * Called when an admin saves a policy: by Keycloak from 26.4, by {@code ClientPolicySettingsFilter} on 26.0 and
     * 26.2. An imported invalid range still matches nothing and is logged.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm,
                                      ClientPolicyConditionRepresentation condition) throws ClientPolicyException {
        JsonNode configuration = condition.getConfiguration();
        ClientIpCondition.Configuration parsed;
        try {
            parsed = JsonSerialization.mapper.convertValue(configuration, ClientIpCondition.Configuration.class);
        } catch (IllegalArgumentException e) {
            throw new ClientPolicyException("'" + RANGES + "' must be a list of addresses or CIDR ranges");
        }
        try {
            IpAllowList.of(parsed == null ? null : parsed.getRanges());
        } catch (IllegalArgumentException e) {
            throw new ClientPolicyException(e.getMessage());
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: matches when the request comes from one of the listed IPv4/IPv6 addresses or CIDR ranges "
                + "(or, with Negative Logic, from outside them), e.g. to apply a stricter profile outside the corporate network.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
