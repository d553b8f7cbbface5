package io.authbridge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Browser SSO sessions of {@link BenchRealm#SSO_USERNAME} for the SSO scenarios, logged in once by the setup through
 * the browser flow's login form, and handed out in turn: each transaction takes the next session's cookies.
 * <p>
 * Why many sessions: Keycloak stores a session's "last refresh" and a client session's timestamp in whole seconds
 * and writes (with persistent user sessions: locks and updates a database row) only when they move on. A
 * single-page app exchanges its cookie every few minutes, so each of its requests moves them on. A benchmark that
 * sends one session's requests back to back writes once a second instead, and flatters whichever path skips
 * unchanged writes. With {@code -DssoSessions} well above the transactions per second, each session comes round less
 * than once a second, as in real use; {@code -DssoSessions} equal to {@code -Dusers} gives the back-to-back case.
 * <p>
 * Static, because Gatling builds the scenarios before its {@code before()} hook, which fills the pool.
 */
final class SsoSessionPool {

    private static final Pattern LOGIN_FORM_ACTION = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static volatile List<String> cookieHeaders = List.of();
    private static final AtomicLong NEXT = new AtomicLong();

    private SsoSessionPool() {
    }

    /** Logs in {@code sessions} browser sessions (a few at a time), replacing any earlier pool. */
    static void logIn(URI baseUrl, int sessions) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                logins.add(workers.submit(() -> logIn(http, baseUrl)));
            }
            List<String> cookies = new ArrayList<>();
            for (Future<String> login : logins) {
                cookies.add(login.get());
            }
            cookieHeaders = List.copyOf(cookies);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while logging in the SSO sessions", e);
        } finally {
            workers.shutdownNow();
        }
    }

    /** The {@code Cookie} header of the next session, round robin over the pool. */
    static String next() {
        List<String> pool = cookieHeaders;
        if (pool.isEmpty()) {
            throw new IllegalStateException("The SSO session pool is empty: the setup did not log in");
        }
        return pool.get((int) (NEXT.getAndIncrement() % pool.size()));
    }

    /** The form, then the credentials: the 302 sets Keycloak's SSO cookies. */
    private static String logIn(HttpClient http, URI baseUrl) {
        String realmPath = baseUrl + SsoCookieRequests.REALM_PATH;
        HttpResponse<String> form = send(http, HttpRequest.newBuilder(URI.create(realmPath
                + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id=" + SsoCookieRequests.CLIENT
                + "&redirect_uri=" + encode(SsoCookieRequests.REDIRECT_URI)
                + "&code_challenge_method=S256&code_challenge=" + SsoCookieRequests.codeChallenge(codeVerifier()))).GET());
        KeycloakAdminClient.expectStatus(form, 200, "login form of " + BenchRealm.SSO_USERNAME);
        Matcher action = LOGIN_FORM_ACTION.matcher(form.body());
        if (!action.find()) {
            throw new IllegalStateException("No login form (id=kc-form-login) in the browser flow's answer");
        }
        HttpResponse<String> login = send(http, HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Cookie", cookieHeader(form.headers().allValues("Set-Cookie")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(BenchRealm.SSO_USERNAME)
                        + "&password=" + encode(BenchRealm.SSO_PASSWORD))));
        KeycloakAdminClient.expectStatus(login, 302, "browser login of " + BenchRealm.SSO_USERNAME);
        String cookies = cookieHeader(login.headers().allValues("Set-Cookie"));
        if (!cookies.contains("KEYCLOAK_IDENTITY=")) {
            throw new IllegalStateException("The browser login set no KEYCLOAK_IDENTITY cookie");
        }
        return cookies;
    }

    /** {@code name=value; …} of the cookies a response set (attributes dropped, expired ones left out). */
    static String cookieHeader(List<String> setCookies) {
        return setCookies.stream()
                .filter(value -> !value.contains("Max-Age=0") && !value.contains("Expires=Thu, 01 Jan 1970"))
                .map(value -> value.split(";", 2)[0].trim())
                .filter(pair -> pair.indexOf('=') > 0 && pair.indexOf('=') < pair.length() - 1)
                .collect(Collectors.joining("; "));
    }

    static String codeVerifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not answer the SSO login", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the SSO login", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
