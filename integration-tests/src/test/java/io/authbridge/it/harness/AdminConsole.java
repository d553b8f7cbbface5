package io.authbridge.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Assumptions;

/**
 * Keycloak's admin console in Debian's Chromium, driven as an admin would: by labels, button names and the
 * console's own {@code data-testid}s. Screenshots go to {@code -Dauthbridge.screenshots.dir} (default
 * {@code integration-tests/target/screenshots}); the README's images are refreshed with
 * {@code -Dauthbridge.screenshots.dir=$PWD/docs/images}.
 */
public final class AdminConsole implements AutoCloseable {

    private static final double TIMEOUT_MS = 30_000;

    private final SystemChromium chromium;
    private final BrowserContext context;
    private final Page page;
    private final String baseUrl;

    private AdminConsole(SystemChromium chromium, String baseUrl) {
        this.chromium = chromium;
        this.baseUrl = baseUrl;
        this.context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        this.page = context.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
    }

    /** The line whose console the page steps are written against; the console of older lines is laid out otherwise. */
    public static final String CONSOLE_LINE = "26.7";

    /**
     * Signs in to the master realm's console as the server's bootstrap admin. The console tests run against the
     * {@link #CONSOLE_LINE} console (the default distribution) and are skipped on older lines (README "Tests").
     */
    public static AdminConsole signIn(KeycloakDistribution server) {
        Assumptions.assumeTrue(KeycloakLine.current().atLeast(CONSOLE_LINE),
                "the console steps are written for the Keycloak " + CONSOLE_LINE + " admin console");
        AdminConsole console = new AdminConsole(SystemChromium.launch(), server.baseUrl("127.0.0.1"));
        Page page = console.page;
        page.navigate(console.baseUrl + "/admin/master/console/");
        page.getByLabel("Username").fill(KeycloakDistribution.ADMIN_USER);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(KeycloakDistribution.ADMIN_PASSWORD);
        console.button("Sign In").click();
        page.getByTestId("nav-item-realms").waitFor();
        return console;
    }

    public Page page() {
        return page;
    }

    /** <em>Manage realms → Create realm</em>, then waits until the console shows the new realm. */
    public void createRealm(String name) {
        page.getByTestId("nav-item-realms").click();
        button("Create realm").click();
        page.getByLabel("Realm name").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)).click();
        page.getByTestId("currentRealm").getByText(name).waitFor();
    }

    /**
     * <em>Clients → Create client</em> for a user-facing app: a public client with <em>Direct access grants</em> on
     * (password grants at the token endpoint). Stays on the new client's page.
     */
    public void createPasswordGrantClient(String clientId) {
        createClient(clientId, () -> page.getByTestId("direct").check());
    }

    /**
     * <em>Clients → Create client</em> for a back end or device: <em>Client authentication</em> and <em>Service
     * accounts roles</em> on. Stays on the new client's page.
     */
    public void createServiceAccountClient(String clientId) {
        createClient(clientId, () -> {
            page.getByText("Client authentication", new Page.GetByTextOptions().setExact(true)).first().click();
            page.getByTestId("service-account").check();
        });
    }

    private void createClient(String clientId, Runnable capabilities) {
        page.getByTestId("nav-item-clients").click();
        page.getByTestId("createClient").click();
        page.getByTestId("clientId").fill(clientId);
        button("Next").click();
        capabilities.run();
        button("Next").click();
        button("Save").click();
        awaitAlert("Client created successfully");
    }

    /** The client's <em>Credentials</em> tab, <em>Client Authenticator</em> chosen by its console name (not saved yet). */
    public void chooseClientAuthenticator(String displayName) {
        page.locator("a[id$='credentials-credentials']").click();
        page.locator("#clientAuthenticatorType").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(displayName).setExact(true)).click();
    }

    /** <em>Save</em> on the Credentials tab, confirming Keycloak's "Change to &lt;authenticator id&gt;?" question. */
    public void saveClientAuthenticator() {
        button("Save").click();
        button("Yes").click();
        awaitAlert("Client successfully updated");
    }

    /** The <em>Client Secret</em> shown on the client's Credentials tab, once the console has fetched it. */
    public String clientSecret() {
        page.locator("a[id$='credentials-credentials']").click();
        Locator secret = page.locator("#kc-client-secret");
        PlaywrightAssertions.assertThat(secret).not().hasValue("");
        return secret.inputValue();
    }

    /**
     * <em>Users → Create new user</em> with the e-mail and names a new realm's user profile asks for at login (as
     * {@link TestRealm#completeUser}), then
     * <em>Credentials → Set password</em>, not temporary.
     */
    public void createUser(String username, String password) {
        page.getByTestId("nav-item-users").click();
        button("Create new user").click();
        page.getByTestId("username").fill(username);
        page.getByTestId("email").fill(username + "@example.org");
        page.getByTestId("firstName").fill(username);
        page.getByTestId("lastName").fill("Example");
        button("Create").click();
        awaitAlert("The user has been created");
        page.getByTestId("credentials").click();
        button("Set password").click();
        page.getByTestId("passwordField").fill(password);
        page.getByTestId("passwordConfirmationField").fill(password);
        // PatternFly draws the switch over its input, which Playwright would find covered.
        page.getByTestId("temporaryPassword").setChecked(false, new Locator.SetCheckedOptions().setForce(true));
        button("Save").click();
        button("Save password").click();
        awaitAlert("The password has been set successfully.");
    }

    /** The <em>Authentication</em> section's flows, edited as an admin does. */
    public FlowEditor flows() {
        return new FlowEditor(this);
    }

    /** A button by its accessible name (exact). */
    public Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /**
     * Waits for a console alert by its text (Keycloak's English messages, e.g. "Client created successfully") and
     * closes it, so that the next step's alert of the same text is its own.
     */
    public void awaitAlert(String text) {
        Locator alerts = page.getByTestId("global-alerts");
        Locator alert = alerts.getByRole(AriaRole.LISTITEM)
                .filter(new Locator.FilterOptions().setHas(page.getByText(text, new Page.GetByTextOptions().setExact(true))));
        try {
            alert.first().waitFor();
        } catch (RuntimeException e) {
            screenshot("failed-waiting-for-alert");
            throw new AssertionError("no alert \"" + text + "\"; the console showed: " + alerts.allInnerTexts(), e);
        }
        alert.first().getByRole(AriaRole.BUTTON).click();
        PlaywrightAssertions.assertThat(alert).hasCount(0);
    }

    /** A screenshot of the visible window (the console scrolls its own container), named for the README. */
    public void screenshot(String name) {
        screenshot(page, name);
    }

    /** A screenshot of any page (e.g. a login page), saved where the console's go. */
    public static void screenshot(Page page, String name) {
        Path dir = Path.of(System.getProperty("authbridge.screenshots.dir",
                Path.of(System.getProperty("test.output.dir", "target"), "screenshots").toString()));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Without the alerts of earlier steps and the temporary-admin banner, which would cover the form.
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png"))
                .setStyle("[data-testid=global-alerts], .pf-v5-c-banner { display: none !important; }"));
    }

    @Override
    public void close() {
        context.close();
        chromium.close();
    }
}
