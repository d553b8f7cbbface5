package io.authbridge.it.exchange;

import com.microsoft.playwright.Locator;
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
 * A single-page app with the cookie exchange, set up in the admin console alone (README "Cookie-to-token exchange →
 * Set it up in the admin console") from a realm created there: the {@code cookie-exchange} client scope, the public
 * client with its Web Origin and the scope as a Default scope, a user with a password. Then the user's SSO cookie
 * exchanges for tokens from curl, and another client of the realm is refused.
 */
class CookieExchangeConsoleIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.createdByTheTest("console-cookie-exchange");

    private static final String APP = "http://app.example";
    /** PatternFly draws its switches over their inputs, which Playwright then finds covered. */
    private static final Locator.SetCheckedOptions FORCE = new Locator.SetCheckedOptions().setForce(true);

    @Test
    void anSpaOptedInWithTheClientScopeExchangesTheSsoCookie() {
        try (AdminConsole console = AdminConsole.signIn(realm.server())) {
            Page page = console.page();
            console.createRealm(realm.name());

            page.getByTestId("nav-item-client-scopes").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create client scope").setExact(true)).click();
            page.getByTestId("name").fill("cookie-exchange");
            page.getByTestId("description").fill("Clients that may exchange the SSO cookie for tokens (AuthBridge)");
            // A marker, not a permission users grant: off the consent screen, out of tokens and discovery.
            for (String setting : new String[]{"Display on consent screen", "Include in token scope", "Include in OpenID Provider Metadata"}) {
                page.getByLabel(setting, new Page.GetByLabelOptions().setExact(true)).setChecked(false, FORCE);
            }
            console.screenshot("console-cookie-exchange-scope");
            console.button("Save").click();
            console.awaitAlert("Client scope created");

            for (String clientId : new String[]{"other-spa", "spa"}) { // the console stays on the last one
                page.getByTestId("nav-item-clients").click();
                page.getByTestId("createClient").click();
                page.getByTestId("clientId").fill(clientId);
                console.button("Next").click();
                console.button("Next").click();
                page.getByTestId("redirectUris0").fill(APP + "/*");
                page.getByTestId("webOrigins0").fill(APP);
                console.button("Save").click();
                console.awaitAlert("Client created successfully");
            }

            page.getByTestId("clientScopesTab").click();
            console.button("Add client scope").click();
            page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Select row 0")).first().waitFor();
            page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("cookie-exchange"))
                    .getByRole(AriaRole.CHECKBOX).check();
            console.button("Add").click();
            page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Default")).click();
            console.awaitAlert("Scope mapping updated");
            page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("cookie-exchange")).first().waitFor();
            console.screenshot("console-cookie-exchange-client-scopes");

            console.createUser("alice", "alice-pass");
        }

        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        Curl.Response exchanged = exchange(login, "spa", APP);
        assertThat(exchanged.status()).as(exchanged.toString()).isEqualTo(200);
        assertThat(Jwt.claims(exchanged.json().path("access_token").asText()).path("azp").asText()).isEqualTo("spa");
        Curl.Response other = exchange(login, "other-spa", APP);
        other.assertError(403, "unauthorized_client");
    }

    private static Curl.Response exchange(SsoLogin login, String clientId, String origin) {
        return Curl.from("127.0.0.1").cookieJar(login.jar).header("Origin", origin).header(CookieExchangeIT.HEADER, "1")
                .form("client_id", clientId).post(realm.url("127.0.0.1") + "/cookie-exchange/token");
    }
}
