package io.authbridge.it.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium ({@code apt-get install chromium}; {@code run-tests.sh} installs it) driven by Playwright for Java.
 * The driver (Node.js + Playwright) comes from the driver-bundle jar; the browser is the system's, so Playwright
 * must not download its own. Another binary: {@code -Dauthbridge.chromium=/path}.
 */
public final class SystemChromium implements AutoCloseable {

    public static final String EXECUTABLE = System.getProperty("authbridge.chromium", "/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private SystemChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** A headless Chromium; fails the test class with a clear message when the binary is missing. */
    public static SystemChromium launch() {
        assertThat(Path.of(EXECUTABLE)).as("Chromium is needed for the browser tests (apt-get install chromium)").isExecutable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(EXECUTABLE))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        return new SystemChromium(playwright, browser);
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
