package io.authbridge.common.compat;

import java.util.Arrays;

import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProviderFactory;

/** Whether the running line checks a client-policy condition's configuration when a policy is saved (26.4+). */
public final class ClientPolicyConditionHooks {

    private static final boolean KEYCLOAK_VALIDATES = Arrays.stream(ClientPolicyConditionProviderFactory.class.getMethods())
            .anyMatch(method -> method.getName().equals("validateConfiguration"));

    private ClientPolicyConditionHooks() {
    }

    /** True from 26.4: Keycloak then calls each condition factory's {@code validateConfiguration} itself. */
    public static boolean keycloakValidatesConditions() {
        return KEYCLOAK_VALIDATES;
    }
}
