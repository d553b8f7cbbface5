package io.authbridge.it.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.KeycloakLine;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walkthrough against the demo realm that {@code ./run-demo.sh} imports ({@code docker/realm/}),
 * so the README stays true.
 */
class DemoRealmIT {

    @RegisterExtension
    static final TestRealm demo = TestRealm.demo();

    @Test
    void bssIntegrationGetsTokensOnlyFromItsAllowList() {
        Curl.Response allowed = bss("127.0.0.1").post(demo.tokenEndpoint("127.0.0.1"));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);

        Curl.Response refused = bss("127.0.0.2").post(demo.tokenEndpoint("127.0.0.1"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("access_denied");

        Curl.Response forged = bss("127.0.0.2").header("X-Forwarded-For", "127.0.0.1").post(demo.tokenEndpoint("127.0.0.1"));
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void tvAppLogsAliceInWithCurlDigestAndDemoWithAPassword() {
        assertThat(tokenRequest(Curl.request().digestAuth("alice", "s3cret").form("grant_type", "password")
                .form("client_id", "tv-app"))).contains("\"access_token\"");
        assertThat(tokenRequest(Curl.request().form("grant_type", "password").form("client_id", "tv-app")
                .form("username", "demo").form("password", "demo"))).contains("\"access_token\"");
        assertThat(tokenRequest(Curl.request().digestAuth("demo", "demo").form("grant_type", "password")
                .form("client_id", "tv-app"))).as("the password login stored demo's HA1").contains("\"access_token\"");
    }

    @Test
    void setTopBoxAuthenticatesWithCurlDigest() {
        assertThat(tokenRequest(Curl.request().digestAuth("set-top-box", "stb-secret").form("grant_type", "client_credentials")))
                .contains("\"access_token\"");
    }

    /**
     * The legacy chain: a Digest login at {@code /digest/login} leaves Keycloak's SSO cookie, which the demo's
     * single-page app then exchanges for its own tokens.
     */
    @Test
    void aDigestLegacyLoginsCookieIsExchangedForTheDemoAppsTokens() throws IOException {
        Path jar = Files.createTempFile("cookies", ".txt");
        try {
            Curl.Response digestLogin = Curl.request().digestAuth("alice", "s3cret").cookieJar(jar)
                    .get(demo.url("127.0.0.1") + "/digest/login?client_id=tv-app");
            assertThat(digestLogin.status()).as(digestLogin.toString()).isEqualTo(200);
            assertThat(Files.readString(jar)).contains("KEYCLOAK_IDENTITY");

            Curl.Response exchange = Curl.from("127.0.0.1").cookieJar(jar).header("Origin", "http://localhost:8081")
                    .header("X-AuthBridge-Cookie-Exchange", "1").form("client_id", "demo-spa")
                    .post(demo.url("127.0.0.1") + "/cookie-exchange/token");
            if (!KeycloakLine.current().raisesTokenExchangePolicyEvent()) {
                // README "Compatibility": Keycloak 26.0 cannot apply the demo realm's client policies to the exchange.
                assertThat(exchange.status()).as(exchange.toString()).isEqualTo(400);
                assertThat(exchange.json().path("error_description").asText()).contains("enabled client policies");
                return;
            }
            assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
            assertThat(exchange.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8081");
            String payload = exchange.json().path("access_token").asText().split("\\.")[1];
            String claims = new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
            assertThat(claims).contains("\"preferred_username\":\"alice\"").contains("\"azp\":\"demo-spa\"");
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    /** The README's bash example for the legacy API-key call, the token endpoint and a refresh, run as written. */
    @Test
    void theReadmesHmacExampleRuns() throws Exception {
        String output = runReadmeExample("hmac-legacy");
        assertThat(output).doesNotContain("\"error\"").contains("\"accessToken\"").contains("\"refreshToken\"");
        assertThat(output.split("\"access_token\"", -1)).as(output).hasSize(3); // the token response and the refresh
    }

    /** The README's strict-signing example, at both endpoints. */
    @Test
    void theReadmesStrictSigningExampleRuns() throws Exception {
        String output = runReadmeExample("hmac-strict");
        assertThat(output).doesNotContain("\"error\"").contains("\"accessToken\"").contains("\"access_token\"");
    }

    /** Runs the bash block that follows {@code <!-- example:NAME -->} in README.md, with BASE pointing at this realm. */
    private static String runReadmeExample(String name) throws IOException, InterruptedException {
        String readme = Files.readString(Path.of(System.getProperty("authbridge.repo.dir"), "README.md"));
        int marker = readme.indexOf("<!-- example:" + name + " -->");
        assertThat(marker).as("README example " + name).isNotNegative();
        int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
        String script = readme.substring(start, readme.indexOf("```", start));
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
        builder.environment().put("BASE", demo.url("127.0.0.1"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static Curl bss(String from) {
        return Curl.from(from).form("grant_type", "client_credentials").form("client_id", "bss-integration")
                .form("client_secret", "bss-integration-secret");
    }

    /** The body of the request at the demo realm's token endpoint. */
    private static String tokenRequest(Curl curl) {
        return curl.post(demo.tokenEndpoint("127.0.0.1")).body();
    }
}
