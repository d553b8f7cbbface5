package io.authbridge.it.digest;

import java.util.Map;

import io.authbridge.it.harness.AdminConsole;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.FlowEditor;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device client on <em>HTTP Digest with client secret</em>, set up in the admin console alone (README "HTTP Digest
 * client authentication → Set it up in the admin console"), from a realm created there: Keycloak's {@code clients}
 * flow duplicated, the Digest step added as ALTERNATIVE with its digest realm, the copy bound as the realm's client
 * authentication flow, and a confidential client with a service account switched to the Digest authenticator; its
 * secret is read from the console. Then {@code curl --digest -u client:secret} gets a service-account token.
 */
class DigestDeviceClientConsoleIT {

    private static final String DIGEST_STEP = "HTTP Digest with client secret";
    private static final String DIGEST_REALM = "AminoTV devices";

    @RegisterExtension
    static final TestRealm realm = TestRealm.createdByTheTest("console-digest-device");

    @Test
    void aDeviceLogsInWithDigestAndTheSecretShownInTheConsole() {
        String secret;
        try (AdminConsole console = AdminConsole.signIn(realm.server())) {
            console.createRealm(realm.name());

            FlowEditor flow = console.flows().duplicate("clients", "clients with digest")
                    .addExecution(DIGEST_STEP)
                    .requirement(DIGEST_STEP, "Alternative")
                    .configure(DIGEST_STEP, "device-digest", Map.of("Digest realm", DIGEST_REALM), null)
                    .bind("Client authentication flow");
            flow.row(DIGEST_STEP).scrollIntoViewIfNeeded();
            console.screenshot("console-digest-client-flow");

            console.createServiceAccountClient("set-top-box");
            console.chooseClientAuthenticator(DIGEST_STEP);
            console.screenshot("console-digest-client-authenticator");
            console.saveClientAuthenticator();
            secret = console.clientSecret();
        }

        Curl.Response login = clientCredentials(secret);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().path("access_token").asText()).isNotEmpty();
        assertThat(login.sent("Authorization")).singleElement().asString()
                .startsWith("Digest username=\"set-top-box\"").contains("realm=\"" + DIGEST_REALM + "\"");
        clientCredentials("not-the-secret").assertError(401, "invalid_client");
    }

    /** {@code curl --digest} at the token endpoint; traced, for the Authorization header it sent. */
    private static Curl.Response clientCredentials(String secret) {
        return Curl.request().verbose().digestAuth("set-top-box", secret).form("grant_type", "client_credentials")
                .post(realm.tokenEndpoint("127.0.0.1"));
    }
}
