package io.authbridge.common;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationExecutionModel;

import static org.assertj.core.api.Assertions.assertThat;

/** What Keycloak's ClientAuthenticationFlow runs of a client flow (findExecutionsToRun). */
class FlowExecutionsTest {

    @Test
    void alternativeBesideKeycloaksOwnRuns() {
        List<AuthenticationExecutionModel> flow = List.of(execution("client-secret", Requirement.ALTERNATIVE),
                execution("client-jwt", Requirement.ALTERNATIVE), execution("client-http-digest", Requirement.ALTERNATIVE));
        assertThat(digestRun(flow)).map(AuthenticationExecutionModel::getAuthenticator)
                .contains("client-http-digest");
    }

    @Test
    void disabledDoesNotRun() {
        List<AuthenticationExecutionModel> flow = List.of(execution("client-secret", Requirement.ALTERNATIVE),
                execution("client-http-digest", Requirement.DISABLED));
        assertThat(digestRun(flow)).isEmpty();
    }

    @Test
    void anotherRequiredExecutionRunsAlone() {
        List<AuthenticationExecutionModel> flow = List.of(execution("client-secret", Requirement.REQUIRED),
                execution("client-http-digest", Requirement.ALTERNATIVE));
        assertThat(digestRun(flow)).isEmpty();
    }

    @Test
    void requiredDigestRunsAlone() {
        List<AuthenticationExecutionModel> flow = List.of(execution("client-secret", Requirement.ALTERNATIVE),
                execution("client-http-digest", Requirement.REQUIRED));
        assertThat(digestRun(flow)).map(AuthenticationExecutionModel::getAuthenticator)
                .contains("client-http-digest");
    }

    @Test
    void absentFromTheFlow() {
        assertThat(digestRun(List.of(execution("client-secret", Requirement.ALTERNATIVE)))).isEmpty();
        assertThat(digestRun(List.of())).isEmpty();
    }

    private static Optional<AuthenticationExecutionModel> digestRun(List<AuthenticationExecutionModel> flow) {
        return FlowExecutions.clientFlowRun(flow).stream().filter(e -> "client-http-digest".equals(e.getAuthenticator())).findFirst();
    }

    private static AuthenticationExecutionModel execution(String authenticator, Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setAuthenticator(authenticator);
        execution.setRequirement(requirement);
        return execution;
    }
}
