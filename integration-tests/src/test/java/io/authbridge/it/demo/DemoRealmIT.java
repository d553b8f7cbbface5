package io.authbridge.it.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.authbridge.it.harness.Curl;
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
    void tvAppLogsAliceInWithCurlDigestAndDemoWithAPassword() throws Exception {
        assertThat(curl("--digest", "-u", "alice:s3cret", "-d", "grant_type=password", "-d", "client_id=tv-app"))
                .contains("\"access_token\"");
        assertThat(curl("-d", "grant_type=password", "-d", "client_id=tv-app", "-d", "username=demo", "-d", "password=demo"))
                .contains("\"access_token\"");
        assertThat(curl("--digest", "-u", "demo:demo", "-d", "grant_type=password", "-d", "client_id=tv-app"))
                .as("the password login stored demo's HA1").contains("\"access_token\"");
    }

    @Test
    void setTopBoxAuthenticatesWithCurlDigest() throws Exception {
        assertThat(curl("--digest", "-u", "set-top-box:stb-secret", "-d", "grant_type=client_credentials"))
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
            List<String> digestLogin = List.of("curl", "-sS", "--max-time", "30", "--digest", "-u", "alice:s3cret",
                    "-c", jar.toString(), "-o", "/dev/null", "-w", "%{http_code}",
                    demo.url("127.0.0.1") + "/digest/login?client_id=tv-app");
            assertThat(run(digestLogin)).isEqualTo("200");
            assertThat(Files.readString(jar)).contains("KEYCLOAK_IDENTITY");

            Curl.Response exchange = Curl.from("127.0.0.1").cookieJar(jar).header("Origin", "http://localhost:8081")
                    .header("X-AuthBridge-Cookie-Exchange", "1").form("client_id", "demo-spa")
                    .post(demo.url("127.0.0.1") + "/cookie-exchange/token");
            assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
            assertThat(exchange.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:8081");
            String payload = exchange.json().path("access_token").asText().split("\\.")[1];
            String claims = new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
            assertThat(claims).contains("\"preferred_username\":\"alice\"").contains("\"azp\":\"demo-spa\"");
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    private static String run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return output.strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
        command.addAll(List.of(args));
        command.add(demo.tokenEndpoint("127.0.0.1"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }
}
