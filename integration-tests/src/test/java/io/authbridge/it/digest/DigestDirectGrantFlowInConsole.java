package io.authbridge.it.digest;

import java.util.Map;

import io.authbridge.it.harness.AdminConsole;
import io.authbridge.it.harness.FlowEditor;

/**
 * The Digest direct-grant flow of README "HTTP Digest user login → Set it up in the admin console", steps 1 to 3, built
 * in the console: <em>HTTP Digest (direct grant)</em> ALTERNATIVE, beside an ALTERNATIVE sub-flow with Keycloak's
 * username and password steps followed by <em>HTTP Digest enrolment</em>; both Digest steps with the same digest
 * realm. Binding it (step 4) is the caller's: to the realm or to one client.
 */
final class DigestDirectGrantFlowInConsole {

    static final String FLOW = "digest direct grant";
    static final String PASSWORD_SUB_FLOW = "digest direct grant password";
    static final String DIGEST_STEP = "HTTP Digest (direct grant)";
    static final String ENROLMENT_STEP = "HTTP Digest enrolment (store HA1)";

    private DigestDirectGrantFlowInConsole() {
    }

    /**
     * Creates the flow and stays on it. With {@code settingsScreenshot} set, the Digest step's filled-in settings
     * dialog is saved under that name.
     */
    static FlowEditor create(AdminConsole console, String digestRealm, String settingsScreenshot) {
        return console.flows().create(FLOW)
                .addExecution(DIGEST_STEP)
                .requirement(DIGEST_STEP, "Alternative")
                .configure(DIGEST_STEP, "digest", Map.of("Digest realm", digestRealm), settingsScreenshot)
                .addSubFlow(PASSWORD_SUB_FLOW)
                .requirement(PASSWORD_SUB_FLOW, "Alternative")
                .addExecution(PASSWORD_SUB_FLOW, "Username Validation")
                .addExecution(PASSWORD_SUB_FLOW, "Password")
                .requirement("Password", "Required")
                .addExecution(PASSWORD_SUB_FLOW, ENROLMENT_STEP)
                .requirement(ENROLMENT_STEP, "Required")
                .configure(ENROLMENT_STEP, "digest-enrolment", Map.of("Digest realm", digestRealm), null);
    }
}
