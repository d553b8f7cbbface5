package io.authbridge.digest.client;

import java.util.List;
import java.util.Optional;

import io.authbridge.digest.DigestSettings;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Whether and how a realm's client-authentication flow (the realm's binding, {@code clients} by default) runs
 * {@code client-http-digest}, read the way Keycloak's {@code ClientAuthenticationFlow} reads it: only the flow's own
 * executions (no sub-flows); the first REQUIRED one alone if there is one, else every ALTERNATIVE.
 */
public final class ClientDigestFlow {

    private ClientDigestFlow() {
    }

    /** The {@code client-http-digest} execution Keycloak runs in this realm's client authentication, if any. */
    public static Optional<AuthenticationExecutionModel> digestExecution(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getClientAuthenticationFlow();
        if (flow == null) {
            return Optional.empty();
        }
        return digestExecution(realm.getAuthenticationExecutionsStream(flow.getId()).toList());
    }

    /** @param executions the top-level executions of a client flow, in priority order */
    static Optional<AuthenticationExecutionModel> digestExecution(List<AuthenticationExecutionModel> executions) {
        List<AuthenticationExecutionModel> run = executions.stream()
                .filter(AuthenticationExecutionModel::isRequired)
                .findFirst()
                .map(List::of)
                .orElseGet(() -> executions.stream().filter(AuthenticationExecutionModel::isAlternative).toList());
        return run.stream()
                .filter(execution -> ClientHttpDigestAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .findFirst();
    }

    /** The Digest settings of an execution: its authenticator config, or the defaults (digest realm = realm name). */
    public static DigestSettings settings(RealmModel realm, AuthenticationExecutionModel execution) {
        AuthenticatorConfigModel config = execution.getAuthenticatorConfig() == null ? null
                : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        return DigestSettings.from(config, realm);
    }
}
