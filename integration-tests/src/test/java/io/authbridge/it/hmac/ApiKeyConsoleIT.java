package io.authbridge.it.hmac;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.authbridge.it.harness.AdminConsole;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.Jwt;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API key with tenants set up in the admin console alone (README "HMAC-signed API keys → Set it up in the admin
 * console"), from a realm created there: the client, its authenticator and tenants, the tenant mapper; the secret is
 * read from the console. Then the partner's legacy call works from curl.
 */
class ApiKeyConsoleIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.createdByTheTest("console-api-key");

    @Test
    void anApiKeyWithTenantsSetUpInTheConsoleLogsInWithItsTenant() {
        String secret;
        try (AdminConsole console = AdminConsole.signIn(realm.server())) {
            Page page = console.page();
            console.createRealm(realm.name());

            page.getByTestId("nav-item-clients").click();
            page.getByTestId("createClient").click();
            page.getByTestId("clientId").fill("partner");
            console.button("Next").click();
            page.getByText("Client authentication", new Page.GetByTextOptions().setExact(true)).first().click();
            page.getByTestId("service-account").click();
            console.button("Next").click();
            console.button("Save").click();
            console.awaitAlert("Client created successfully");

            page.locator("a[id$='credentials-credentials']").click();
            page.locator("#clientAuthenticatorType").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("API key with HMAC signature")).click();
            page.getByTestId("authbridge.tenants").fill("acme, globex");
            console.screenshot("console-api-key-credentials");
            console.button("Save").click();
            console.button("Yes").click(); // Keycloak's "Change to client-hmac-signature?" confirmation
            console.awaitAlert("Client successfully updated");
            // The console fetches the secret after the page: read it once it is there.
            PlaywrightAssertions.assertThat(page.locator("#kc-client-secret")).not().hasValue("");
            secret = page.locator("#kc-client-secret").inputValue();

            page.getByTestId("clientScopesTab").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("partner-dedicated")).click();
            console.button("Configure a new mapper").click();
            page.getByText("API-key tenant", new Page.GetByTextOptions().setExact(true)).first().click();
            page.getByTestId("name").fill("tenant");
            // The mapper's own settings, with their defaults (the claim names and Keycloak's "Add to …" switches).
            page.getByText("Tenant claim name").first().waitFor();
            console.screenshot("console-api-key-tenant-mapper");
            console.button("Save").click();
            console.awaitAlert("Mapping successfully created");
        }

        assertThat(secret).isNotBlank();
        Curl.Response login = new PartnerCalls(realm).legacyLogin("partner", secret, "acme");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(Jwt.claims(login.json().path("accessToken").asText()).path("tenant").asText()).isEqualTo("acme");
        Curl.Response otherTenant = new PartnerCalls(realm).legacyLogin("partner", secret, "initech");
        otherTenant.assertError(403, "access_denied");
    }
}
