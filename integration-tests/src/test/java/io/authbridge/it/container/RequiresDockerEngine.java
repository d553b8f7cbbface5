package io.authbridge.it.container;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.testcontainers.DockerClientFactory;

/**
 * The condition behind {@link EnabledIfDockerEngine}. Testcontainers is asked once per test run (the answer is
 * kept in JUnit's root store); without an engine it answers within about a second.
 */
public final class RequiresDockerEngine implements ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RequiresDockerEngine.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean dockerAvailable = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("docker-available",
                key -> DockerClientFactory.instance().isDockerAvailable(), Boolean.class);
        if (dockerAvailable) {
            return ConditionEvaluationResult.enabled("Docker engine found");
        }
        String reason = AnnotationSupport.findAnnotation(context.getElement(), EnabledIfDockerEngine.class)
                .map(EnabledIfDockerEngine::disabledReason)
                .orElse("tests that need one are skipped");
        return ConditionEvaluationResult.disabled("No Docker engine: " + reason);
    }
}
