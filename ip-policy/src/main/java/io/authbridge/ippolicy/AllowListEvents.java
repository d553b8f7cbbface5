package io.authbridge.ippolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which client-policy events the {@code ip-allowlist} executor enforces, by event name: Keycloak's 26 lines differ
 * in the events they raise (see the README's compatibility table), and the executor is compiled against the
 * oldest. An event named nowhere here — one a later Keycloak adds — is enforced: the allow-list fails closed.
 * Pure: no Keycloak types, so the rule is the same whatever line runs it.
 */
final class AllowListEvents {

    /**
     * Every event in which a client starts an authorization or obtains, refreshes, exchanges, introspects or revokes
     * tokens, with the Keycloak event type the endpoint behind it records (the type an admin looks for in
     * <em>Events</em> when the executor refuses a request; where a line lacks that type, the next one). The line that
     * added an event is noted beside it.
     */
    static final Map<String, List<String>> ENFORCED = Map.ofEntries(
            Map.entry("AUTHORIZATION_REQUEST", List.of("LOGIN")),
            Map.entry("PUSHED_AUTHORIZATION_REQUEST", List.of("PUSHED_AUTHORIZATION_REQUEST")),
            Map.entry("TOKEN_REQUEST", List.of("CODE_TO_TOKEN")),
            Map.entry("SERVICE_ACCOUNT_TOKEN_REQUEST", List.of("CLIENT_LOGIN")),
            Map.entry("TOKEN_REFRESH", List.of("REFRESH_TOKEN")),
            Map.entry("TOKEN_EXCHANGE_REQUEST", List.of("TOKEN_EXCHANGE")), // 26.2+
            Map.entry("RESOURCE_OWNER_PASSWORD_CREDENTIALS_REQUEST", List.of("LOGIN")),
            Map.entry("JWT_AUTHORIZATION_GRANT", List.of("JWT_AUTHORIZATION_GRANT", "LOGIN")), // 26.5+; its event type 26.6+
            Map.entry("TOKEN_INTROSPECT", List.of("INTROSPECT_TOKEN")),
            Map.entry("TOKEN_REVOKE", List.of("REVOKE_GRANT")),
            Map.entry("USERINFO_REQUEST", List.of("USER_INFO_REQUEST")),
            Map.entry("BACKCHANNEL_AUTHENTICATION_REQUEST", List.of("LOGIN")),
            Map.entry("BACKCHANNEL_TOKEN_REQUEST", List.of("AUTHREQID_TO_TOKEN")),
            Map.entry("DEVICE_AUTHORIZATION_REQUEST", List.of("OAUTH2_DEVICE_AUTH")),
            Map.entry("DEVICE_TOKEN_REQUEST", List.of("OAUTH2_DEVICE_CODE_TO_TOKEN")),
            Map.entry("IDENTITY_BROKERING_API", List.of("IDENTITY_PROVIDER_RETRIEVE_TOKEN")), // 26.6+
            Map.entry("SAML_AUTHN_REQUEST", List.of("LOGIN")));

    /** The events left alone, each with the reason. */
    static final Map<String, String> EXEMPT = Map.ofEntries(
            exempt("admin and dynamic-registration operations on the client are guarded by admin permissions; the "
                    + "allow-list restricts where the client itself calls from, not where admins work",
                    "REGISTER", "REGISTERED", "UPDATE", "UPDATED", "VIEW", "UNREGISTER"),
            exempt("the client is not verified yet; AUTHORIZATION_REQUEST follows and is enforced",
                    "PRE_AUTHORIZATION_REQUEST"),
            exempt("raised before the client is authenticated (26.7+); TOKEN_REQUEST and the per-grant events follow",
                    "PRE_TOKEN_REQUEST"),
            exempt("a response to a request that was already checked",
                    "IMPLICIT_HYBRID_TOKEN_RESPONSE", "TOKEN_RESPONSE", "SERVICE_ACCOUNT_TOKEN_RESPONSE",
                    "TOKEN_REFRESH_RESPONSE", "TOKEN_REVOKE_RESPONSE", "BACKCHANNEL_TOKEN_RESPONSE",
                    "DEVICE_TOKEN_RESPONSE", "RESOURCE_OWNER_PASSWORD_CREDENTIALS_RESPONSE"),
            exempt("ending a session only reduces access; a user must be able to log out from anywhere",
                    "LOGOUT_REQUEST", "SAML_LOGOUT_REQUEST"))
            .entrySet().stream().flatMap(e -> e.getValue().stream().map(name -> Map.entry(name, e.getKey())))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /** Browser-facing events: refused by handing the error back to Keycloak, which redirects or shows its page. */
    static final Set<String> BROWSER_FACING = Set.of("AUTHORIZATION_REQUEST", "SAML_AUTHN_REQUEST");

    /** The event type recorded when the executor refuses an event that this table does not know. */
    static final String DEFAULT_ERROR_EVENT_TYPE = "CLIENT_LOGIN";

    private AllowListEvents() {
    }

    /** Fail closed: everything not explicitly exempt is enforced. */
    static boolean isEnforced(String eventName) {
        return !EXEMPT.containsKey(eventName);
    }

    /** Whether the name is classified here (enforced or exempt); the unit test requires it for every event of a line. */
    static boolean isClassified(String eventName) {
        return ENFORCED.containsKey(eventName) || EXEMPT.containsKey(eventName);
    }

    /** The event types to try, in order, for a refusal of this event: its own, then the default. */
    static List<String> errorEventTypes(String eventName) {
        List<String> types = new ArrayList<>(ENFORCED.getOrDefault(eventName, List.of()));
        types.add(DEFAULT_ERROR_EVENT_TYPE);
        return List.copyOf(types);
    }

    private static Map.Entry<String, List<String>> exempt(String reason, String... names) {
        return Map.entry(reason, List.of(names));
    }
}
