package io.authbridge.ippolicy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.events.EventType;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Keycloak event must be classified on purpose, never enforced or skipped by accident. Runs against the line the
 * build compiles with; the integration tests check the same on every supported distribution (the executor factory
 * reports unclassified events at start-up, see {@code KeycloakLineCompatibilityIT}).
 */
class IpAllowListExecutorEventsTest {

    @ParameterizedTest
    @EnumSource(ClientPolicyEvent.class)
    void everyEventOfThisLineIsEitherEnforcedOrExemptWithAReason(ClientPolicyEvent event) {
        boolean enforced = AllowListEvents.ENFORCED.containsKey(event.name());
        boolean exempt = AllowListEvents.EXEMPT.containsKey(event.name());
        assertThat(enforced ^ exempt).as("%s must be in exactly one of ENFORCED and EXEMPT", event).isTrue();
        assertThat(AllowListEvents.isEnforced(event.name())).isEqualTo(enforced);
    }

    @Test
    void everyRequestForTokensOrAuthorizationIsEnforced() {
        assertThat(AllowListEvents.ENFORCED).containsKeys(
                "AUTHORIZATION_REQUEST", "PUSHED_AUTHORIZATION_REQUEST", "TOKEN_REQUEST", "SERVICE_ACCOUNT_TOKEN_REQUEST",
                "TOKEN_REFRESH", "TOKEN_EXCHANGE_REQUEST", "RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST",
                "JWT_AUTHORIZATION_GRANT", "TOKEN_INTROSPECT", "TOKEN_REVOKE", "USERINFO_REQUEST",
                "BACKCHANNEL_AUTHENTICATION_REQUEST", "BACKCHANNEL_TOKEN_REQUEST", "DEVICE_AUTHORIZATION_REQUEST",
                "DEVICE_TOKEN_REQUEST", "IDENTITY_BROKERING_API", "SAML_AUTHN_REQUEST");
    }

    /** Events of other lines: those added after the compiled-against 26.0 are classified too. */
    @ParameterizedTest
    @ValueSource(strings = {"TOKEN_EXCHANGE_REQUEST", "JWT_AUTHORIZATION_GRANT", "IDENTITY_BROKERING_API"})
    void eventsThatLaterLinesAddAreEnforced(String event) {
        assertThat(AllowListEvents.isClassified(event)).isTrue();
        assertThat(AllowListEvents.isEnforced(event)).isTrue();
    }

    @Test
    void theEventThat267AddsBeforeClientAuthenticationIsExempt() {
        assertThat(AllowListEvents.isEnforced("PRE_TOKEN_REQUEST")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SOME_FUTURE_REQUEST", "", "token_request"})
    void anEventNoLineHasYetIsEnforced(String event) {
        assertThat(AllowListEvents.isClassified(event)).isFalse();
        assertThat(AllowListEvents.isEnforced(event)).isTrue();
        assertThat(IpAllowListExecutor.errorEventTypeOf(event)).isEqualTo(EventType.CLIENT_LOGIN);
    }

    @Test
    void refusalsAreRecordedUnderTheEndpointsOwnEventType() {
        assertThat(IpAllowListExecutor.errorEventTypeOf("TOKEN_REQUEST")).isEqualTo(EventType.CODE_TO_TOKEN);
        assertThat(IpAllowListExecutor.errorEventTypeOf("TOKEN_EXCHANGE_REQUEST")).isEqualTo(EventType.TOKEN_EXCHANGE);
        assertThat(IpAllowListExecutor.errorEventTypeOf("TOKEN_INTROSPECT")).isEqualTo(EventType.INTROSPECT_TOKEN);
    }

    /** JWT_AUTHORIZATION_GRANT's own event type exists from 26.6; before it, the refusal is a LOGIN error. */
    @Test
    void aMissingEventTypeFallsBackToTheNextOne() {
        boolean lineHasType = Arrays.stream(EventType.values()).anyMatch(t -> t.name().equals("JWT_AUTHORIZATION_GRANT"));
        assertThat(IpAllowListExecutor.errorEventTypeOf("JWT_AUTHORIZATION_GRANT").name())
                .isEqualTo(lineHasType ? "JWT_AUTHORIZATION_GRANT" : "LOGIN");
        assertThat(AllowListEvents.errorEventTypes("JWT_AUTHORIZATION_GRANT"))
                .isEqualTo(List.of("JWT_AUTHORIZATION_GRANT", "LOGIN", "CLIENT_LOGIN"));
    }
}
