package io.authbridge.it.digest;

import io.authbridge.it.harness.Curl;
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
        Curl.Response result = curlDigest("alice", "s3cret");

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
            Curl.Response md5 = curlDigest("alice", "s3cret");
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
        Curl.Response wrong = curlDigest("alice", "wrong");
        Curl.Response unknown = curlDigest("nobody", "s3cret");

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

        Curl.Response passwordGrant = passwordGrant(realm, "bob", "bob-password");
        assertThat(passwordGrant.status()).as(passwordGrant.toString()).isEqualTo(200);

        Curl.Response digest = curlDigest("bob", "bob-password");
        assertThat(digest.status()).as(digest.toString()).isEqualTo(200);
    }

    @Test
    void disabledUserIsRefused() throws Exception {
        // carol's imported HA1 matches no password: a wrong response, so not told that the account is disabled.
        Curl.Response result = curlDigest("carol", "anything");
        assertThat(result.status()).as(result.toString()).isEqualTo(401);
        assertThat(result.json().path("error_description").asText()).isEqualTo("Invalid user credentials");
        assertThat(result.body()).doesNotContain("access_token");
    }

    private static Curl.Response curlDigest(String user, String password) {
        return curlDigest(realm, user, password);
    }

    /** {@code curl --digest} at the realm's token endpoint: tv-app's password grant, with curl answering the challenge. */
    static Curl.Response curlDigest(TestRealm realm, String user, String password) {
        return Curl.request().digestAuth(user, password).form("grant_type", "password").form("client_id", "tv-app")
                .post(realm.tokenEndpoint("127.0.0.1"));
    }

    /** tv-app's password grant with the password in the form. */
    static Curl.Response passwordGrant(TestRealm realm, String user, String password) {
        return Curl.request().form("grant_type", "password").form("client_id", "tv-app").form("username", user)
                .form("password", password).post(realm.tokenEndpoint("127.0.0.1"));
    }
}
