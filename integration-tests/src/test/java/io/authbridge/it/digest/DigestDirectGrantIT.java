package io.authbridge.it.digest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.authbridge.it.harness.TestRealm;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password grant with HTTP Digest, driven by {@code curl --digest} (curl answers the 401 challenge itself).
 * Realm: {@code realms/digest.json}: digest realm string "AminoTV"; alice has only HA1 hashes imported from the
 * legacy system, bob has a password and gets HA1 on his first password login.
 */
class DigestDirectGrantIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest.json");

    @Test
    void importedLegacyHa1LogsInWithCurlDigest() throws Exception {
        CurlResult result = curlDigest("alice", "s3cret");

        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.body()).contains("\"access_token\"");
    }

    @Test
    void legacyMd5ClientLogsInWhenOnlyMd5IsOffered() throws Exception {
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(digestConfigId());
        String before = config.getConfig().get("digest.algorithms");
        config.getConfig().put("digest.algorithms", "MD5");
        realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
        try {
            CurlResult md5 = curlDigest("alice", "s3cret");
            assertThat(md5.status()).as(md5.toString()).isEqualTo(200);
        } finally {
            config.getConfig().put("digest.algorithms", before);
            realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
        }
    }

    private static String digestConfigId() {
        return realm.admin().flows().getExecutions("digest direct grant").stream()
                .filter(e -> "direct-grant-http-digest".equals(e.getProviderId())).findFirst().orElseThrow().getAuthenticationConfig();
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() throws Exception {
        CurlResult wrong = curlDigest("alice", "wrong");
        CurlResult unknown = curlDigest("nobody", "s3cret");

        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(wrong.status());
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void passwordLoginEnrolsDigestForTheNextLogin() throws Exception {
        assertThat(curlDigest("bob", "bob-password").status()).as("no HA1 before the first password login").isEqualTo(401);
        // That was a failed login: Keycloak records it in the background and refuses the user's logins
        // ("temporarily disabled") while it does. Wait for it, as a user would not notice.
        String bobId = realm.admin().users().search("bob", true).get(0).getId();
        for (int i = 0; i < 100 && !Integer.valueOf(1).equals(realm.admin().attackDetection().bruteForceUserStatus(bobId).get("numFailures")); i++) {
            Thread.sleep(50);
        }

        CurlResult passwordGrant = curl(List.of("-d", "grant_type=password", "-d", "client_id=tv-app",
                "-d", "username=bob", "-d", "password=bob-password"));
        assertThat(passwordGrant.status()).as(passwordGrant.toString()).isEqualTo(200);

        CurlResult digest = curlDigest("bob", "bob-password");
        assertThat(digest.status()).as(digest.toString()).isEqualTo(200);
    }

    @Test
    void disabledUserIsRefused() throws Exception {
        CurlResult result = curlDigest("carol", "anything");
        assertThat(result.status()).as(result.toString()).isIn(400, 401);
        assertThat(result.body()).doesNotContain("access_token");
    }

    private static CurlResult curlDigest(String user, String password) throws Exception {
        return curl(List.of("--digest", "-u", user + ":" + password, "-d", "grant_type=password", "-d", "client_id=tv-app"));
    }

    static CurlResult curl(List<String> extra) throws IOException, InterruptedException {
        return curl(realm.tokenEndpoint("127.0.0.1"), extra);
    }

    /** Runs the curl binary against {@code url}; the body is followed by a line with the status code. */
    static CurlResult curl(String url, List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "-o", "-", "-w", "\n%{http_code}"));
        command.addAll(extra);
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        int split = output.lastIndexOf('\n');
        return new CurlResult(Integer.parseInt(output.substring(split + 1).strip()), output.substring(0, split));
    }

    record CurlResult(int status, String body) {
    }
}
