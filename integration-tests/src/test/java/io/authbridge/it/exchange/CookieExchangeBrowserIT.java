package io.authbridge.it.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import io.authbridge.it.harness.ClientPolicies;
import io.authbridge.it.harness.KeycloakLine;
import io.authbridge.it.harness.SystemChromium;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookie exchange in a real browser: Debian's Chromium, driven by Playwright, opens the demo's single-page app
 * ({@code docker/spa/index.html}) served from another origin, logs in through Keycloak's login page, and the page
 * fetches tokens with {@code credentials: 'include'}. The same page served from an origin the client does not list
 * cannot: the CORS preflight is refused, and the browser never sends the request.
 */
class CookieExchangeBrowserIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/cookie-exchange.json");

    private static final double TIMEOUT_MS = 30_000;

    private static HttpServer allowedSite;
    private static HttpServer otherSite;
    private static SystemChromium chromium;

    @BeforeAll
    static void serveTheAppAndLaunchChromium() {
        if (!KeycloakLine.current().raisesTokenExchangePolicyEvent()) {
            ClientPolicies.setEnabled(realm.admin(), false); // see CookieExchangeIT: 26.0 refuses with policies on
        }
        allowedSite = serveApp();
        otherSite = serveApp();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("browser-spa");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(siteUrl(allowedSite) + "*"));
        client.setWebOrigins(List.of(origin(allowedSite)));
        client.setAttributes(Map.of("authbridge.cookie-exchange.enabled", "true"));
        try (Response created = realm.admin().clients().create(client)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        chromium = SystemChromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        for (HttpServer site : new HttpServer[]{allowedSite, otherSite}) {
            if (site != null) {
                site.stop(0);
            }
        }
    }

    @Test
    void theAppGetsTokensAfterLoginAndAnotherOriginCannot() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.setDefaultTimeout(TIMEOUT_MS);

            page.navigate(siteUrl(allowedSite));
            page.waitForSelector("#status[data-status]");
            assertThat(page.getAttribute("#status", "data-status")).as(page.textContent("#result")).isEqualTo("401");
            assertThat(page.textContent("#result")).contains("login_required");

            page.click("#login");
            page.waitForSelector("#username");
            page.fill("#username", "alice");
            page.fill("#password", "alice-pass");
            page.click("#kc-login");
            page.waitForURL(url -> url.startsWith(origin(allowedSite)));
            page.waitForSelector("#status[data-status='200']");
            assertThat(page.textContent("#claims")).contains("\"preferred_username\": \"alice\"").contains("\"azp\": \"browser-spa\"");

            Page elsewhere = context.newPage();
            elsewhere.setDefaultTimeout(TIMEOUT_MS);
            elsewhere.navigate(siteUrl(otherSite));
            elsewhere.waitForSelector("#status[data-status]");
            assertThat(elsewhere.getAttribute("#status", "data-status")).as(elsewhere.textContent("#result"))
                    .isEqualTo("network-error");
            assertThat(elsewhere.textContent("#result")).doesNotContain("access_token");

            // The allowed app still works in the same browser: the refusal changed nothing.
            page.click("#exchange");
            page.waitForSelector("#status[data-status='200']");
        }
    }

    /** The demo page, filled in for this server, realm and client, on a free port of 127.0.0.1. */
    private static HttpServer serveApp() {
        try {
            String page = Files.readString(Path.of(System.getProperty("authbridge.repo.dir"), "docker", "spa", "index.html"))
                    .replace("__KEYCLOAK_URL__", realm.server().baseUrl("127.0.0.1"))
                    .replace("__REALM__", realm.name())
                    .replace("__CLIENT_ID__", "browser-spa");
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String origin(HttpServer site) {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    private static String siteUrl(HttpServer site) {
        return origin(site) + "/";
    }
}
