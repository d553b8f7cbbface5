package io.authbridge.it.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.authbridge.it.harness.AdminConsole;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.Jwt;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user migrated with only her legacy HA1s, imported in the admin console (README "The {@code digest-ha1}
 * credential", 2. Import), from a realm created there: <em>Realm settings → Action → Partial import</em> of a JSON
 * file, the user's <em>Credentials</em> tab showing the credential (its digest realm, not the HA1s), and the Digest
 * direct-grant flow built in the console and bound as the realm's direct-grant flow. Then {@code curl --digest}
 * logs her in with the legacy password, which Keycloak has never seen.
 */
class DigestMigratedUserConsoleIT {

    private static final String SHA256_HA1 = "39b260bc6678f72b8902f0ee7b89c264f8c7f3b3a0594bd487647bc077934449";

    /**
     * The README's import with the profile a new realm asks for (e-mail, first and last name): without them
     * Keycloak's verify-profile step refuses the login with "Account is not fully set up".
     */
    private static final String MIGRATED_USERS = """
            { "users": [{ "username": "alice", "enabled": true,
                "email": "alice@example.org", "emailVerified": true, "firstName": "Alice", "lastName": "Legacy",
                "credentials": [{ "type": "digest-ha1", "userLabel": "AminoTV", "createdDate": 1700000000000,
                  "credentialData": "{\\"realm\\":\\"AminoTV\\"}",
                  "secretData": "{\\"ha1\\":{\\"MD5\\":\\"2f6e18ed9be5172c07bd79e223deb26c\\",\\"SHA-256\\":\\"%s\\"}}" }] }] }
            """.formatted(SHA256_HA1);

    @RegisterExtension
    static final TestRealm realm = TestRealm.createdByTheTest("console-digest-migrated-user");

    @TempDir
    Path dir;

    @Test
    void anImportedDigestCredentialLogsTheUserInWithTheLegacyPassword() throws IOException {
        Path file = Files.writeString(dir.resolve("migrated-users.json"), MIGRATED_USERS);
        try (AdminConsole console = AdminConsole.signIn(realm.server())) {
            Page page = console.page();
            console.createRealm(realm.name());

            page.getByTestId("nav-item-realm-settings").click();
            page.getByTestId("action-dropdown").click();
            page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Partial import").setExact(true)).click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.locator("input[type=file]").setInputFiles(file);
            dialog.getByTestId("users-checkbox").check();
            console.screenshot("console-digest-partial-import");
            console.button("Import").click();
            dialog.getByText("One record added.").waitFor();
            closeDialog(page);

            page.getByTestId("nav-item-users").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("alice").setExact(true)).click();
            page.getByTestId("credentials").click();
            page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Digest-ha1")).getByText("AminoTV").waitFor();
            console.screenshot("console-digest-ha1-credential");
            console.button("Show data").click();
            String shown = page.getByRole(AriaRole.DIALOG).innerText();
            assertThat(shown).as("the credential's data, not its secret").contains("AminoTV").doesNotContain(SHA256_HA1);
            closeDialog(page);

            DigestDirectGrantFlowInConsole.create(console, "AminoTV", null).bind("Direct grant flow");
            console.createPasswordGrantClient("tv-app");
        }

        Curl.Response login = digestLogin("s3cret");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(Jwt.claims(login.json().path("access_token").asText()).path("preferred_username").asText())
                .isEqualTo("alice");
        digestLogin("not-her-password").assertError(401, "invalid_grant");
    }

    /** The dialog's × (named "Close", as the button some dialogs have below). */
    private static void closeDialog(Page page) {
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close").setExact(true))
                .first().click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
    }

    private static Curl.Response digestLogin(String password) {
        return Curl.request().digestAuth("alice", password).form("grant_type", "password").form("client_id", "tv-app")
                .post(realm.tokenEndpoint("127.0.0.1"));
    }
}
