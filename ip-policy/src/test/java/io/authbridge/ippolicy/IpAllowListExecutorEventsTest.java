package io.authbridge.ippolicy;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** A new Keycloak event must be classified on purpose, never enforced or skipped by accident. */
class IpAllowListExecutorEventsTest {

    @ParameterizedTest
    @EnumSource(ClientPolicyEvent.class)
    void everyEventIsEitherEnforcedOrExemptWithAReason(ClientPolicyEvent event) {
        boolean enforced = IpAllowListExecutor.ENFORCED_EVENTS.contains(event);
        boolean exempt = IpAllowListExecutor.EXEMPT_EVENTS.contains(event);
        assertThat(enforced ^ exempt).as("%s must be in exactly one of ENFORCED_EVENTS and EXEMPT_EVENTS", event).isTrue();
    }

    @Test
    void enforcesEveryEventTheIssueNames() {
        assertThat(IpAllowListExecutor.ENFORCED_EVENTS).containsAll(EnumSet.of(
                ClientPolicyEvent.AUTHORIZATION_REQUEST, ClientPolicyEvent.PUSHED_AUTHORIZATION_REQUEST,
                ClientPolicyEvent.TOKEN_REQUEST, ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_REQUEST,
                ClientPolicyEvent.TOKEN_REFRESH, ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST,
                ClientPolicyEvent.RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST, ClientPolicyEvent.TOKEN_INTROSPECT,
                ClientPolicyEvent.TOKEN_REVOKE, ClientPolicyEvent.USERINFO_REQUEST,
                ClientPolicyEvent.BACKCHANNEL_AUTHENTICATION_REQUEST, ClientPolicyEvent.BACKCHANNEL_TOKEN_REQUEST,
                ClientPolicyEvent.DEVICE_AUTHORIZATION_REQUEST, ClientPolicyEvent.DEVICE_TOKEN_REQUEST));
    }
}
