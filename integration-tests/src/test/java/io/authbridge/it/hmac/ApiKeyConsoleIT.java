package io.authbridge.it.hmac;

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

            console.createServiceAccountClient("partner");

            console.chooseClientAuthenticator("API key with HMAC signature");
            page.getByTestId("authbridge.tenants").fill("acme, globex");
            console.screenshot("console-api-key-credentials");
            console.saveClientAuthenticator();
            secret = console.clientSecret();

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
