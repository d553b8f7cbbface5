package io.authbridge.it.digest;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.authbridge.it.harness.AdminConsole;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.Jwt;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Digest direct-grant flow bound to one client, set up in the admin console alone (README "HTTP Digest user login →
 * Set it up in the admin console"), from a realm created there: the flow with its Digest and enrolment steps, the
 * client's <em>Authentication flow overrides</em>, a second client on the realm's own direct-grant flow, and a user
 * with a password. Then, from curl: the user's first password login stores the HA1s, {@code curl --digest} logs in
 * through the client, and the other client is not challenged.
 */
class DigestClientFlowConsoleIT {

    private static final String DIGEST_REALM = "AminoTV";

    @RegisterExtension
    static final TestRealm realm = TestRealm.createdByTheTest("console-digest-client-flow");

    @Test
    void theFlowBoundToOneClientLogsItsUsersInWithDigest() {
        try (AdminConsole console = AdminConsole.signIn(realm.server())) {
            Page page = console.page();
            console.createRealm(realm.name());

            DigestDirectGrantFlowInConsole.create(console, DIGEST_REALM, "console-digest-step-settings");
            console.screenshot("console-digest-direct-grant-flow");

            console.createPasswordGrantClient("tv-app");
            page.getByTestId("advancedTab").click();
            page.locator("[id='authenticationFlowBindingOverrides.direct_grant']").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(DigestDirectGrantFlowInConsole.FLOW)
                    .setExact(true)).click();
            page.getByTestId("OIDCAuthFlowOverrideSave").click();
            console.awaitAlert("Client successfully updated");
            console.screenshot("console-digest-flow-override");

            console.createPasswordGrantClient("web-portal");

            console.createUser("carol", "carol-pass");
        }

        // No HA1 yet: Keycloak keeps only the password hash until a password login passes the enrolment step.
        digestLogin("tv-app").assertError(401, "invalid_grant");
        Curl.Response passwordLogin = Curl.request().form("grant_type", "password").form("client_id", "tv-app")
                .form("username", "carol").form("password", "carol-pass").post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(passwordLogin.status()).as(passwordLogin.toString()).isEqualTo(200);

        Curl.Response digest = digestLogin("tv-app");
        assertThat(digest.status()).as(digest.toString()).isEqualTo(200);
        assertThat(Jwt.claims(digest.json().path("access_token").asText()).path("azp").asText()).isEqualTo("tv-app");
        assertThat(digest.sent("Authorization")).singleElement().asString()
                .startsWith("Digest username=\"carol\"").contains("realm=\"" + DIGEST_REALM + "\"");

        // web-portal has the realm's direct-grant flow: curl's empty first POST gets Keycloak's own answer, no challenge.
        Curl.Response otherClient = digestLogin("web-portal").assertError(400, "invalid_request");
        assertThat(otherClient.header("WWW-Authenticate")).as(otherClient.toString()).isNull();
        assertThat(otherClient.sent("Authorization")).isEmpty();
    }

    /** {@code curl --digest} at the token endpoint, {@code ?client_id=} in the URL (README), traced. */
    private static Curl.Response digestLogin(String clientId) {
        return Curl.request().verbose().digestAuth("carol", "carol-pass")
                .form("grant_type", "password").form("client_id", clientId)
                .post(realm.tokenEndpoint("127.0.0.1") + "?client_id=" + clientId);
    }
}
