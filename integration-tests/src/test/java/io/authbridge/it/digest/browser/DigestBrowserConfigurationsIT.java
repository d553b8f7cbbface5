package io.authbridge.it.digest.browser;

import java.util.Map;
import java.util.TreeMap;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;
import io.authbridge.it.harness.SystemChromium;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser Digest step in the configurations the browser flow tests elsewhere leave out, each bound to one client
 * (Client → Advanced → Authentication flow overrides), driven by Debian's Chromium whose own network stack answers
 * the challenge: ALTERNATIVE beside the login form, and REQUIRED inside a CONDITIONAL sub-flow after the username
 * form (users with {@code legacy-device=true} answer Digest, the others type their password).
 * Realm {@code realms/digest-browser-flows.json}.
 */
class DigestBrowserConfigurationsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-browser-flows.json");

    private static final double TIMEOUT_MS = 30_000;
    private static CallbackPage callback;
    private static SystemChromium chromium;
    private static Browser browser;

    @BeforeAll
    static void bindFlowsAndLaunchChromium() {
        Map<String, String> flowIds = new TreeMap<>();
        for (AuthenticationFlowRepresentation flow : realm.admin().flows().getFlows()) {
            flowIds.put(flow.getAlias(), flow.getId());
        }
        bind("browser-alternative", flowIds.get("browser digest or form"));
        bind("browser-conditional", flowIds.get("browser digest for legacy users"));
        callback = CallbackPage.start();
        chromium = SystemChromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
        if (callback != null) {
            callback.close();
        }
    }

    private static void bind(String clientId, String flowId) {
        assertThat(flowId).as("flow for " + clientId).isNotNull();
        ClientRepresentation client = realm.admin().clients().findByClientId(clientId).get(0);
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        realm.admin().clients().get(client.getId()).update(client);
    }

    @Test
    void alternativeBesideTheFormLogsInWithTheBrowsersDigestCredentials() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setHttpCredentials("alice", "s3cret"))) {
            Page page = context.newPage();
            page.navigate(authorizationUrl("browser-alternative"), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.waitForURL(url -> url.startsWith(callback.url()), new Page.WaitForURLOptions().setTimeout(TIMEOUT_MS));

            assertThat(page.url()).contains("code=").doesNotContain("error=");
        }
    }

    @Test
    void alternativeBesideTheFormFallsBackToTheFormWithoutDigestCredentials() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            ChromiumDevTools.attach(context, page).cancelAuthPrompts(realm.url("127.0.0.1"));
            page.navigate(authorizationUrl("browser-alternative"), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.waitForSelector("#kc-form-login", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
            page.fill("#username", "bob");
            page.fill("#password", "bob-password");
            page.click("#kc-login");
            page.waitForURL(url -> url.startsWith(callback.url()), new Page.WaitForURLOptions().setTimeout(TIMEOUT_MS));

            assertThat(page.url()).contains("code=").doesNotContain("error=");
        }
    }

    @Test
    void conditionalSubFlowAsksALegacyUserForDigestAfterTheUsername() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setHttpCredentials("alice", "s3cret"))) {
            Page page = context.newPage();
            page.navigate(authorizationUrl("browser-conditional"), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.waitForSelector("#kc-form-login", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
            page.fill("#username", "alice");
            page.click("#kc-login");
            // The username form's POST is sent on to the Digest step's own URL, whose GET gets the 401 challenge;
            // Chromium answers that and the flow goes on.
            page.waitForURL(url -> url.startsWith(callback.url()), new Page.WaitForURLOptions().setTimeout(TIMEOUT_MS));

            assertThat(page.url()).contains("code=").doesNotContain("error=");
        }
    }

    @Test
    void conditionalSubFlowRefusesALegacyUserWithoutDigestOnKeycloaksErrorPage() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            ChromiumDevTools.attach(context, page).cancelAuthPrompts(realm.url("127.0.0.1"));
            page.navigate(authorizationUrl("browser-conditional"), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.waitForSelector("#kc-form-login", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
            page.fill("#username", "alice");
            page.click("#kc-login");
            page.waitForSelector("#kc-error-message", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));

            assertThat(page.textContent("#kc-error-message")).contains("Digest authentication required");
            assertThat(page.url()).doesNotContain("code=");
        }
    }

    @Test
    void conditionalSubFlowLetsOtherUsersTypeTheirPassword() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(authorizationUrl("browser-conditional"), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.waitForSelector("#kc-form-login", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
            page.fill("#username", "bob");
            page.click("#kc-login");
            page.waitForSelector("#password", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
            page.fill("#password", "bob-password");
            page.click("#kc-login");
            page.waitForURL(url -> url.startsWith(callback.url()), new Page.WaitForURLOptions().setTimeout(TIMEOUT_MS));

            assertThat(page.url()).contains("code=").doesNotContain("error=");
        }
    }

    private static String authorizationUrl(String clientId) {
        return realm.url("127.0.0.1") + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&state=s&redirect_uri=" + callback.url();
    }
}
