package io.authbridge.common;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Where an AuthBridge step runs in a realm and with which settings — the one lookup every entry point uses that
 * answers outside a flow (the Digest login endpoint, the token endpoint's Digest challenge, the api-key endpoint).
 * It reads flows the way Keycloak runs them:
 * <ul>
 * <li>user flows ({@link Binding#BROWSER}, {@link Binding#DIRECT_GRANT}): the client's authentication flow
 * override, else the realm's binding, as Keycloak's {@code AuthenticationFlowResolver} does; enabled executions
 * only, enabled sub-flows (conditional ones included) searched in priority order;</li>
 * <li>the client authentication flow: only its own executions, the first REQUIRED one alone if there is one, else
 * every ALTERNATIVE — what {@code ClientAuthenticationFlow.processFlow()} runs.</li>
 * </ul>
 */
public final class FlowExecutions {

    /** The user flows a client can override (Client → Advanced → Authentication flow overrides). */
    public enum Binding {
        BROWSER(AuthenticationFlowBindings.BROWSER_BINDING),
        DIRECT_GRANT(AuthenticationFlowBindings.DIRECT_GRANT_BINDING);

        private final String overrideKey;

        Binding(String overrideKey) {
            this.overrideKey = overrideKey;
        }

        AuthenticationFlowModel realmFlow(RealmModel realm) {
            return this == BROWSER ? realm.getBrowserFlow() : realm.getDirectGrantFlow();
        }
    }

    /** An execution found, with its settings (empty when the admin saved none). */
    public record Found(AuthenticationExecutionModel execution, Map<String, String> config) {
    }

    private FlowExecutions() {
    }

    /** The flow Keycloak runs for {@code client} (null: the realm's binding) under {@code binding}. */
    public static AuthenticationFlowModel flow(RealmModel realm, ClientModel client, Binding binding) {
        if (client != null) {
            String override = client.getAuthenticationFlowBindingOverride(binding.overrideKey);
            if (override != null) {
                AuthenticationFlowModel flow = realm.getAuthenticationFlowById(override);
                if (flow != null) {
                    return flow;
                }
            }
        }
        return binding.realmFlow(realm);
    }

    /**
     * The first enabled execution of one of {@code providerIds} in the flow Keycloak runs for the client under the
     * binding.
     */
    public static Optional<Found> inUserFlow(RealmModel realm, ClientModel client, Binding binding, Set<String> providerIds) {
        return inFlow(realm, flow(realm, client, binding), providerIds);
    }

    /** The first enabled execution of one of {@code providerIds} in {@code flow} or its enabled sub-flows, in priority order. */
    public static Optional<Found> inFlow(RealmModel realm, AuthenticationFlowModel flow, Set<String> providerIds) {
        return flow == null ? Optional.empty()
                : enabledExecutions(realm, flow.getId(), providerIds).findFirst().map(execution -> found(realm, execution));
    }

    /**
     * The step the password grant would run for a request that does not name its client yet (curl's first, empty
     * POST): the realm's direct-grant binding, else the first flow a client can bind as its direct-grant override.
     */
    public static Optional<Found> inDirectGrantFlowOfAnyClient(RealmModel realm, Set<String> providerIds) {
        return inUserFlow(realm, null, Binding.DIRECT_GRANT, providerIds)
                .or(() -> inOverridableDirectGrantFlows(realm, providerIds).findFirst());
    }

    /**
     * Every top-level flow of the realm but its browser and client flows that has an enabled execution of one of
     * {@code providerIds}: the flows a client may bind as its direct-grant override. Sorted by alias, so the choice
     * among several is stable.
     */
    public static Stream<Found> inOverridableDirectGrantFlows(RealmModel realm, Set<String> providerIds) {
        AuthenticationFlowModel browser = realm.getBrowserFlow();
        AuthenticationFlowModel clients = realm.getClientAuthenticationFlow();
        return realm.getAuthenticationFlowsStream()
                .filter(AuthenticationFlowModel::isTopLevel)
                .filter(flow -> browser == null || !flow.getId().equals(browser.getId()))
                .filter(flow -> clients == null || !flow.getId().equals(clients.getId()))
                .sorted(Comparator.comparing(AuthenticationFlowModel::getAlias))
                .flatMap(flow -> inFlow(realm, flow, providerIds).stream());
    }

    /** The execution of {@code providerId} that Keycloak's client authentication runs in this realm, if any. */
    public static Optional<Found> inClientFlow(RealmModel realm, String providerId) {
        AuthenticationFlowModel flow = realm.getClientAuthenticationFlow();
        if (flow == null) {
            return Optional.empty();
        }
        return clientFlowRun(realm.getAuthenticationExecutionsStream(flow.getId()).toList()).stream()
                .filter(execution -> providerId.equals(execution.getAuthenticator()))
                .findFirst()
                .map(execution -> found(realm, execution));
    }

    /** What {@code ClientAuthenticationFlow} runs of a client flow's top-level executions (in priority order). */
    static List<AuthenticationExecutionModel> clientFlowRun(List<AuthenticationExecutionModel> executions) {
        return executions.stream()
                .filter(AuthenticationExecutionModel::isRequired)
                .findFirst()
                .map(List::of)
                .orElseGet(() -> executions.stream().filter(AuthenticationExecutionModel::isAlternative).toList());
    }

    /**
     * Whether the flow can still succeed when this execution reports {@code attempted()}: some execution on the way
     * up to the top-level flow (this one included) is an ALTERNATIVE followed by another enabled ALTERNATIVE, at a
     * level without REQUIRED or CONDITIONAL executions. That is how Keycloak's {@code DefaultAuthenticationFlow} runs
     * a level: alternatives in priority order until one succeeds (the earlier ones have already failed), and none
     * at all beside a REQUIRED or CONDITIONAL one. Where no such alternative is, {@code attempted()} ends the flow
     * without a user, which Keycloak answers with a 500 — so a step must challenge instead.
     */
    public static boolean hasAlternativeTo(KeycloakSession session, RealmModel realm, AuthenticationExecutionModel execution) {
        AuthenticationExecutionModel current = execution;
        while (current != null) {
            if (current.isAlternative()) {
                List<AuthenticationExecutionModel> level = realm.getAuthenticationExecutionsStream(current.getParentFlow())
                        .filter(e -> !isCondition(session, e))
                        .toList();
                boolean requiredBeside = level.stream().anyMatch(e -> e.isRequired() || e.isConditional());
                String id = current.getId();
                boolean alternativeAfter = level.stream().dropWhile(e -> !e.getId().equals(id)).skip(1)
                        .anyMatch(AuthenticationExecutionModel::isAlternative);
                if (!requiredBeside && alternativeAfter) {
                    return true;
                }
            }
            current = realm.getAuthenticationExecutionByFlowId(current.getParentFlow());
        }
        return false;
    }

    private static boolean isCondition(KeycloakSession session, AuthenticationExecutionModel execution) {
        return !execution.isAuthenticatorFlow() && execution.getAuthenticator() != null
                && session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, execution.getAuthenticator())
                instanceof ConditionalAuthenticatorFactory;
    }

    /** The settings of an execution: its authenticator config, or none. */
    public static Map<String, String> config(RealmModel realm, AuthenticationExecutionModel execution) {
        if (execution == null || execution.getAuthenticatorConfig() == null) {
            return Map.of();
        }
        AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    private static Found found(RealmModel realm, AuthenticationExecutionModel execution) {
        return new Found(execution, config(realm, execution));
    }

    private static Stream<AuthenticationExecutionModel> enabledExecutions(RealmModel realm, String flowId, Set<String> providerIds) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> !execution.isDisabled())
                .flatMap(execution -> execution.isAuthenticatorFlow()
                        ? enabledExecutions(realm, execution.getFlowId(), providerIds)
                        : Stream.of(execution).filter(e -> providerIds.contains(e.getAuthenticator())));
    }
}
