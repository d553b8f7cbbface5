package io.authbridge.digest;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.authbridge.digest.authenticator.HttpDigestAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Where a realm configures HTTP Digest for user logins: the enabled {@code http-digest} executions of its
 * authentication flows. Shared by the token endpoint's challenge filter and the Digest login endpoint, which both
 * answer outside a flow and must speak the same Digest (realm string, algorithms, qop) as the flow.
 */
public final class UserDigestFlows {

    private UserDigestFlows() {
    }

    /** The first enabled {@code http-digest} execution of the flow or of its enabled sub-flows, in priority order. */
    public static Optional<AuthenticationExecutionModel> digestExecution(RealmModel realm, AuthenticationFlowModel flow) {
        return flow == null ? Optional.empty() : digestExecution(realm, flow.getId());
    }

    /** The realm's user Digest: the direct-grant flow's {@code http-digest} step, else the browser flow's. */
    public static Optional<AuthenticationExecutionModel> loginExecution(RealmModel realm) {
        return digestExecution(realm, realm.getDirectGrantFlow())
                .or(() -> digestExecution(realm, realm.getBrowserFlow()));
    }

    /** The settings of the realm's user Digest ({@link #loginExecution}); the defaults when the realm has none. */
    public static DigestSettings loginSettings(RealmModel realm) {
        return settings(realm, loginExecution(realm).orElse(null));
    }

    /** The settings of an execution (its authenticator config), or the defaults (digest realm = realm name) for null. */
    public static DigestSettings settings(RealmModel realm, AuthenticationExecutionModel execution) {
        AuthenticatorConfigModel config = execution == null || execution.getAuthenticatorConfig() == null ? null
                : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        return DigestSettings.from(config, realm);
    }

    private static Optional<AuthenticationExecutionModel> digestExecution(RealmModel realm, String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> !execution.isDisabled())
                .flatMap(execution -> execution.isAuthenticatorFlow()
                        ? digestExecution(realm, execution.getFlowId()).stream()
                        : Stream.of(execution).filter(e -> HttpDigestAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator())))
                .findFirst();
    }
}
