package io.authbridge.it.harness;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;

/** The realm's client policies through the admin API. */
public final class ClientPolicies {

    private ClientPolicies() {
    }

    /** Switches every client policy of the realm on or off. */
    public static void setEnabled(RealmResource realm, boolean enabled) {
        ClientPoliciesRepresentation policies = realm.clientPoliciesPoliciesResource().getPolicies(false);
        policies.getPolicies().forEach(policy -> policy.setEnabled(enabled));
        realm.clientPoliciesPoliciesResource().updatePolicies(policies);
    }
}
