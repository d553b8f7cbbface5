package io.authbridge.common;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * A client-policy condition factory that checks its configuration when an admin saves a policy. The method is
 * Keycloak's own hook from 26.4 ({@code ClientPolicyConditionProviderFactory#validateConfiguration}, same
 * signature), which Keycloak calls there; on 26.0 and 26.2, which lack it, {@link ClientPolicySettingsFilter} calls it.
 */
public interface ValidatedCondition {

    /** @throws ClientPolicyException with the message the admin console shows */
    void validateConfiguration(KeycloakSession session, RealmModel realm, ClientPolicyConditionRepresentation condition)
            throws ClientPolicyException;
}
