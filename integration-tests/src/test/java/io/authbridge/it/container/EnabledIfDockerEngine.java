package io.authbridge.it.container;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only where Testcontainers finds a Docker engine; elsewhere JUnit reports it as
 * skipped with "No Docker engine: " followed by {@link #disabledReason()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDockerEngine.class)
public @interface EnabledIfDockerEngine {

    /** What is skipped without a Docker engine, and what covers it instead. */
    String disabledReason();
}
