package io.authbridge.it.ippolicy;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.authbridge.it.harness.AdminConsole;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IP allow-list for one client set up in the admin console alone (README "IP allow-list → Set it up in the admin
 * console"), from a realm created there: a client profile with the {@code ip-allowlist} executor and its ranges, and
 * a client policy whose {@code client-ids} condition names the client. The clients' secrets are read from the
 * console. Then, from curl: the client gets a token from an allowed address and is refused from another loopback
 * address (every 127.x.y.z is a client address of its own to Keycloak), and another client is not restricted.
 */
class IpAllowListConsoleIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.createdByTheTest("console-ip-allowlist");

    @Test
    void aProfileAndAPolicyNamingTheClientPinItToItsAddresses() {
        String bssSecret;
        String otherSecret;
        try (AdminConsole console = AdminConsole.signIn(realm.server())) {
            Page page = console.page();
            console.createRealm(realm.name());
            console.createServiceAccountClient("bss-integration");
            bssSecret = console.clientSecret();
            console.createServiceAccountClient("reporting");
            otherSecret = console.clientSecret();

            page.getByTestId("nav-item-realm-settings").click();
            page.getByTestId("rs-clientPolicies-tab").click();
            page.getByTestId("createProfile").click();
            page.getByTestId("name").fill("bss-ip-allowlist");
            page.getByTestId("saveCreateProfile").click();
            console.awaitAlert("New client profile created");
            page.getByTestId("addExecutor").click();
            page.locator("#kc-executor").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("ip-allowlist")).click();
            page.getByTestId("config.allowed-ranges0").fill("127.0.0.1");
            page.getByTestId("config.allowed-ranges-addValue").click();
            page.getByTestId("config.allowed-ranges1").fill("10.20.0.0/16");
            console.screenshot("console-ip-allowlist-executor");
            page.getByTestId("addExecutor-saveBtn").click();
            console.awaitAlert("Success! Executor created successfully");

            page.getByTestId("nav-item-realm-settings").click();
            page.getByTestId("rs-clientPolicies-tab").click();
            page.getByTestId("rs-policies-clientPolicies-tab").click();
            console.button("Create client policy").click();
            page.getByTestId("name").fill("bss-integration-ip-allowlist");
            page.getByTestId("saveCreatePolicy").click();
            console.awaitAlert("New policy created");
            page.getByTestId("addCondition").click();
            page.locator("#provider").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("client-ids")).click();
            page.getByTestId("config.clients0").fill("bss-integration");
            console.screenshot("console-ip-allowlist-condition");
            page.getByTestId("addCondition-saveBtn").click();
            console.awaitAlert("Condition created successfully.");
            page.getByTestId("addClientProfile").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByPlaceholder("Search profile").fill("bss-ip-allowlist");
            dialog.getByPlaceholder("Search profile").press("Enter");
            dialog.getByRole(AriaRole.ROW, new Locator.GetByRoleOptions().setName("bss-ip-allowlist"))
                    .getByRole(AriaRole.CHECKBOX).check();
            page.getByTestId("add-client-profile-button").click();
            console.awaitAlert("New client profile added");
            console.screenshot("console-ip-allowlist-policy");
        }

        Curl.Response allowed = clientCredentials("127.0.0.1", "bss-integration", bssSecret);
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.json().path("access_token").asText()).isNotEmpty();

        Curl.Response refused = clientCredentials("127.0.0.2", "bss-integration", bssSecret)
                .assertError(403, "access_denied");
        assertThat(refused.json().path("error_description").asText())
                .isEqualTo("Requests from 127.0.0.2 are not allowed for this client");

        Curl.Response otherClient = clientCredentials("127.0.0.2", "reporting", otherSecret);
        assertThat(otherClient.status()).as(otherClient.toString()).isEqualTo(200);
        assertThat(otherClient.json().path("access_token").asText()).isNotEmpty();
    }

    private static Curl.Response clientCredentials(String from, String clientId, String secret) {
        return Curl.from(from).form("grant_type", "client_credentials").form("client_id", clientId)
                .form("client_secret", secret).post(realm.tokenEndpoint("127.0.0.1"));
    }
}
