package io.authbridge.digest.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

import static org.assertj.core.api.Assertions.assertThat;

/** Which client-http-digest execution Keycloak's ClientAuthenticationFlow runs (findExecutionsToRun). */
class ClientDigestFlowTest {

    @Test
    void alternativeBesideKeycloaksOwnRuns() {
        List<AuthenticationExecutionModel> flow = List.of(execution("client-secret", Requirement.ALTERNATIVE),
                execution("client-jwt", Requirement.ALTERNATIVE), execution("client-http-digest", Requirement.ALTERNATIVE));
        assertThat(ClientDigestFlow.digestExecution(flow)).map(AuthenticationExecutionModel::getAuthenticator)
                .contains("client-http-digest");
    }

    @Test
    void disabledDoesNotRun() {
        List<AuthenticationExecutionModel> flow = List.of(execution("client-secret", Requirement.ALTERNATIVE),
                execution("client-http-digest", Requirement.DISABLED));
        assertThat(ClientDigestFlow.digestExecution(flow)).isEmpty();
    }

    @Test
    void anotherRequiredExecutionRunsAlone() {
        List<AuthenticationExecutionModel> flow = List.of(execution("client-secret", Requirement.REQUIRED),
                execution("client-http-digest", Requirement.ALTERNATIVE));
        assertThat(ClientDigestFlow.digestExecution(flow)).isEmpty();
    }

    @Test
    void requiredDigestRunsAlone() {
        List<AuthenticationExecutionModel> flow = List.of(execution("client-secret", Requirement.ALTERNATIVE),
                execution("client-http-digest", Requirement.REQUIRED));
        assertThat(ClientDigestFlow.digestExecution(flow)).map(AuthenticationExecutionModel::getAuthenticator)
                .contains("client-http-digest");
    }

    @Test
    void absentFromTheFlow() {
        assertThat(ClientDigestFlow.digestExecution(List.of(execution("client-secret", Requirement.ALTERNATIVE)))).isEmpty();
        assertThat(ClientDigestFlow.digestExecution(List.of())).isEmpty();
    }

    private static AuthenticationExecutionModel execution(String authenticator, Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setAuthenticator(authenticator);
        execution.setRequirement(requirement);
        return execution;
    }
}
