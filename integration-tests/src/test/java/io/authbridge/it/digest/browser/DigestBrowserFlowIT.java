package io.authbridge.it.digest.browser;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.WaitUntilState;
import io.authbridge.it.harness.SystemChromium;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code http-digest} authenticator in the browser flow, driven by a real Chromium (the system's
 * {@code /usr/bin/chromium}, through Playwright): Chromium's own network stack answers the Digest challenge.
 * <p>
 * Realm {@code realms/digest-browser.json}: Keycloak's browser flow with Digest in Kerberos' place (SSO cookie, else
 * Digest, else the username/password form), the public client {@code tv-portal} whose redirect URI is a
 * {@link CallbackPage} served by this test, alice with HA1 hashes imported for the digest realm "AminoTV", and bob
 * with a password only.
 */
class DigestBrowserFlowIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-browser.json");

    private static final Pattern ALGORITHM = Pattern.compile("\\balgorithm=\"?([^\",\\s]+)");
    private static final Pattern URI_PARAM = Pattern.compile("\\buri=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final double TIMEOUT_MS = 30_000;

    private static CallbackPage callback;
    private static SystemChromium chromium;
    private static Browser browser;

    @BeforeAll
    static void launchChromium() {
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

    /**
     * The browser knows the user's Digest credentials (saved, or typed into its prompt): it answers the 401
     * challenge itself and the user lands on the application with a code, without seeing a login form. Keycloak
     * offers one challenge per enabled algorithm, strongest first; Chromium takes the first it implements.
     * <p>
     * A second authorization request in the same browser is then answered by the SSO cookie, which comes first in the
     * flow: no new challenge. Chromium sends its Digest response preemptively there (same protection space), which
     * is where DevTools shows the header it computes: for the answer to a challenge it reports only the headers of
     * the first, unauthenticated attempt.
     */
    @ParameterizedTest(name = "offered {0} -> Chromium answers with {1}")
    @CsvSource({
            "SHA-256##MD5,         SHA-256",
            "SHA-256,              SHA-256",
            "MD5,                  MD5",
            "SHA-512-256##SHA-256, SHA-256", // Chromium has no SHA-512-256 and skips that challenge
    })
    void browserAnswersTheDigestChallengeAndGetsACode(String offered, String expectedAlgorithm) throws Exception {
        withDigestAlgorithms(offered, () -> {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setHttpCredentials("alice", "s3cret"))) {
                Page page = context.newPage();
                ChromiumDevTools devTools = ChromiumDevTools.attach(context, page);
                List<Response> documents = recordDocuments(page);
                String state = UUID.randomUUID().toString();

                page.navigate(authorizationUrl(state), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
                page.waitForURL(url -> url.startsWith(callback.url()), new Page.WaitForURLOptions().setTimeout(TIMEOUT_MS));

                Map<String, String> query = query(page.url());
                assertThat(query).as(page.url()).containsEntry("state", state).containsKey("code").doesNotContainKey("error");
                assertThat(urls(documents)).as("no login form on the way").noneMatch(url -> url.contains("/login-actions/"));
                assertThat(documents.get(0).status()).as("the browser answered the 401 challenge itself").isEqualTo(302);
                assertThat(exchangeCode(query.get("code")).get("preferred_username").asText()).isEqualTo("alice");

                // Again, in the same browser: the SSO cookie logs alice in, Chromium's Digest response rides along.
                String again = UUID.randomUUID().toString();
                String againUrl = authorizationUrl(again);
                int before = documents.size();
                page.navigate(againUrl, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
                page.waitForURL(url -> url.startsWith(callback.url()) && url.contains(again),
                        new Page.WaitForURLOptions().setTimeout(TIMEOUT_MS));
                assertThat(documents.get(before).status()).as("no new challenge").isEqualTo(302);
                assertThat(query(page.url())).containsKey("code");

                assertThat(devTools.authorizations()).as("Chromium's Authorization header").singleElement().asString()
                        .startsWith("Digest ").contains("username=\"alice\"", "realm=\"AminoTV\"", "qop=auth,", "nc=00000002");
                String authorization = devTools.authorizations().get(0);
                assertThat(group(ALGORITHM, authorization)).isEqualTo(expectedAlgorithm);
                URI requested = URI.create(againUrl);
                assertThat(group(URI_PARAM, authorization)).as("Chromium's uri is the request's path and query")
                        .isEqualTo(requested.getRawPath() + "?" + requested.getRawQuery());
            }
        });
    }

    /**
     * The user cancels the browser's credentials prompt: the browser renders the 401 body, the challenge page posts
     * itself back, the Digest step is skipped and Keycloak's login form is shown. (Headless Chromium has no prompt;
     * {@link ChromiumDevTools#cancelAuthPrompts} gives the prompt's Cancel answer.)
     */
    @Test
    void withoutCredentialsTheChallengePageContinuesToTheLoginForm() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            ChromiumDevTools devTools = ChromiumDevTools.attach(context, page).cancelAuthPrompts(realm.url("127.0.0.1"));
            List<Response> documents = recordDocuments(page);
            String state = UUID.randomUUID().toString();
            String authorizationUrl = authorizationUrl(state);

            page.navigate(authorizationUrl, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.waitForSelector("#kc-form-login", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));

            Response challenge = documents.get(0);
            assertThat(challenge.url()).isEqualTo(authorizationUrl);
            assertThat(challenge.status()).isEqualTo(401);
            List<String> challenges = challenge.headerValues("www-authenticate");
            assertThat(challenges).as("one Digest challenge per algorithm, strongest first").hasSize(2);
            assertThat(challenges.get(0)).startsWith("Digest ").contains("realm=\"AminoTV\"", "algorithm=SHA-256");
            assertThat(challenges.get(1)).startsWith("Digest ").contains("realm=\"AminoTV\"", "algorithm=MD5");
            assertThat(devTools.cancelledPrompts()).containsExactly(authorizationUrl);
            assertThat(devTools.authorizations()).isEmpty();
            assertThat(urls(documents)).as("the challenge page posted itself to the login actions")
                    .anyMatch(url -> url.contains("/login-actions/authenticate"));

            Path screenshot = Path.of(System.getProperty("test.output.dir", "target"), "digest-browser-login-form.png");
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
            assertThat(Files.size(screenshot)).isPositive();

            page.fill("#username", "bob");
            page.fill("#password", "bob-password");
            page.click("#kc-login");
            page.waitForURL(url -> url.startsWith(callback.url()), new Page.WaitForURLOptions().setTimeout(TIMEOUT_MS));

            Map<String, String> query = query(page.url());
            assertThat(query).as(page.url()).containsEntry("state", state).containsKey("code").doesNotContainKey("error");
            assertThat(exchangeCode(query.get("code")).get("preferred_username").asText()).isEqualTo("bob");
        }
    }

    /**
     * A wrong password: Chromium sends one Digest response, Keycloak refuses it with a new challenge and records a
     * LOGIN_ERROR for alice, the browser gives up on the credentials and renders the challenge page, which continues to
     * the login form.
     * No code reaches the application.
     */
    @Test
    void wrongCredentialsGetNoCodeAndALoginError() throws Exception {
        String aliceId = realm.admin().users().searchByUsername("alice", true).get(0).getId();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setHttpCredentials("alice", "wrong"))) {
            Page page = context.newPage();
            List<Response> documents = recordDocuments(page);
            String state = UUID.randomUUID().toString();

            page.navigate(authorizationUrl(state), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
            page.waitForSelector("#kc-form-login", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));

            assertThat(page.url()).doesNotContain("code=");
            assertThat(urls(documents)).noneMatch(url -> url.startsWith(callback.url()));
            assertThat(callback.queries()).noneMatch(q -> q.contains(state));
            assertThat(documents.get(0).status()).as("the refusal is a 401 with the continue page").isEqualTo(401);
        }

        List<EventRepresentation> errors = realm.admin().getEvents(List.of("LOGIN_ERROR"), "tv-portal", aliceId,
                null, null, null, 0, 50);
        // One Digest response was verified and refused (Playwright answers a repeated prompt with Cancel).
        assertThat(errors).singleElement().satisfies(event -> {
            assertThat(event.getError()).isEqualTo("invalid_user_credentials");
            assertThat(event.getDetails()).containsEntry("username", "alice").containsEntry("auth_method", "http-digest");
        });
    }

    private static String authorizationUrl(String state) {
        return realm.url("127.0.0.1") + "/protocol/openid-connect/auth?client_id=tv-portal&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(callback.url(), StandardCharsets.UTF_8) + "&state=" + state;
    }

    /** Main-frame document responses, in order (redirect hops included). */
    private static List<Response> recordDocuments(Page page) {
        List<Response> documents = new CopyOnWriteArrayList<>();
        page.onResponse(response -> {
            if (response.request().isNavigationRequest() && response.frame() == page.mainFrame()) {
                documents.add(response);
            }
        });
        return documents;
    }

    private static List<String> urls(List<Response> responses) {
        return responses.stream().map(Response::url).toList();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in " + text).isTrue();
        return matcher.group(1);
    }

    /** Redeems the code like the application would; returns the access token's claims. */
    private static JsonNode exchangeCode(String code) throws Exception {
        String form = "grant_type=authorization_code&client_id=tv-portal"
                + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(callback.url(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realm.tokenEndpoint("127.0.0.1")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String accessToken = TestRealm.JSON.readTree(response.body()).get("access_token").asText();
        return TestRealm.JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
    }

    /** Runs {@code body} with the Digest step offering {@code algorithms}, then restores the realm's setting. */
    private static void withDigestAlgorithms(String algorithms, ThrowingRunnable body) throws Exception {
        String configId = realm.admin().flows().getExecutions("digest browser").stream()
                .filter(e -> "http-digest".equals(e.getProviderId())).findFirst().orElseThrow().getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(configId);
        String before = config.getConfig().get("digest.algorithms");
        config.getConfig().put("digest.algorithms", algorithms);
        realm.admin().flows().updateAuthenticatorConfig(configId, config);
        try {
            body.run();
        } finally {
            config.getConfig().put("digest.algorithms", before);
            realm.admin().flows().updateAuthenticatorConfig(configId, config);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
