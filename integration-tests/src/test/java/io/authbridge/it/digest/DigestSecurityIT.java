package io.authbridge.it.digest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.DigestHeaders;
import io.authbridge.it.harness.HostileRuns;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;

import static io.authbridge.it.digest.DigestDirectGrantIT.curlDigest;
import static io.authbridge.it.digest.DigestDirectGrantIT.passwordGrant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker or a broken client can send to the Digest direct grant, and what stays true for accounts:
 * replays, stale nonces, tampered uri, disabled algorithms, malformed headers (1000, or
 * {@code -Dauthbridge.hostile.requests}), lockout, password change,
 * pending required actions. Replays and the positive paths use curl; the negative paths craft headers with the
 * project's RFC 7616 calculator, which is what lets them change exactly one thing at a time.
 * Realm: {@code realms/digest.json}.
 */
class DigestSecurityIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest.json");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String FORM = "grant_type=password&client_id=tv-app";

    @Test
    void successIsALoginEventWithTheAuthMethod() throws Exception {
        assertThat(curlDigest(realm, "grace", "grace-pass").status()).isEqualTo(200);

        List<EventRepresentation> events = realm.admin().getEvents(List.of("LOGIN"), "tv-app", null, null, null, null, 0, 50);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getDetails()).containsEntry("auth_method", "http-digest").containsEntry("username", "grace");
        });
    }

    @Test
    void capturedAuthorizationHeaderReplayedIsRejected() throws Exception {
        Curl.Response first = Curl.request().verbose().digestAuth("grace", "grace-pass").body(FORM)
                .post(realm.tokenEndpoint("127.0.0.1"));
        String captured = first.sent("Authorization").stream().filter(value -> value.startsWith("Digest ")).findFirst()
                .orElseThrow(() -> new AssertionError("no Digest Authorization sent: " + first.stderr()));
        assertThat(first.body()).contains("\"access_token\"");

        Curl.Response replay = Curl.request().header("Authorization", captured).body(FORM).post(realm.tokenEndpoint("127.0.0.1"));

        assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
        assertThat(replay.body()).doesNotContain("access_token");
    }

    @Test
    void tamperedUriIsRejected() throws Exception {
        String nonce = freshNonce();
        String header = digestHeader("grace", "grace-pass", DigestAlgorithm.SHA_256, nonce,
                "/realms/" + realm.name() + "/protocol/openid-connect/userinfo");

        HttpResponse<String> response = postWithAuthorization(header);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).contains("uri");
    }

    @Test
    void correctResponseOverACorrectUriIsAcceptedSoTheCraftedHeadersAreValid() throws Exception {
        HttpResponse<String> response = postWithAuthorization(digestHeader("grace", "grace-pass", DigestAlgorithm.SHA_256,
                freshNonce(), tokenPath()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void disabledAlgorithmIsRejected() throws Exception {
        // The realm offers SHA-256 and MD5: a correct SHA-512-256 response is still refused.
        HttpResponse<String> response = postWithAuthorization(digestHeader("grace", "grace-pass", DigestAlgorithm.SHA_512_256,
                freshNonce(), tokenPath()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).contains("SHA-512-256");
    }

    @Test
    void expiredNonceIsAnsweredWithStaleTrue() throws Exception {
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(digestConfigId());
        Map<String, String> before = new TreeMap<>(config.getConfig());
        config.getConfig().put("digest.nonce-lifetime-seconds", "10");
        realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
        try {
            String nonce = freshNonce();
            Thread.sleep(11_500);
            HttpResponse<String> response = postWithAuthorization(digestHeader("grace", "grace-pass", DigestAlgorithm.SHA_256,
                    nonce, tokenPath()));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).anySatisfy(v -> assertThat(v).contains("stale=true"));
        } finally {
            config.setConfig(before);
            realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
        }
    }

    @Test
    void malformedHeadersAreAnsweredWithoutA5xx() throws Exception {
        int count = HostileRuns.requestsPerScheme();
        // ivan: a user of its own, since the mutated headers that still parse count toward his lockout
        String valid = digestHeader("ivan", "ivan-pass", DigestAlgorithm.SHA_256, freshNonce(), tokenPath());
        Random random = new Random(20261129);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        for (int i = 0; sent < count && i < count * 5; i++) {
            String header = DigestHeaders.mutate(valid, random);
            HttpRequest request;
            try {
                request = tokenRequest().header("Authorization", header).build();
            } catch (IllegalArgumentException e) {
                continue; // a header no HTTP client can put on the wire
            }
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            // Some mutations are still valid headers (whitespace around '=' is allowed): 200 once, then replays.
            assertThat(response.statusCode()).as("header %s -> %s", header, response.body()).isLessThan(500);
            if (response.statusCode() != 200) {
                // Which check refuses a mutation (syntax 400, realm/nonce/response 401) depends on the mutation.
                assertThat(TestRealm.JSON.readTree(response.body()).path("error").asText())
                        .as("header %s -> %s", header, response.body()).isNotEmpty();
            }
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("ivan-pass");
            sent++;
        }
        assertThat(sent).isEqualTo(count);
        assertThat(statuses.getOrDefault(200, 0)).as("a nonce and nc are accepted once").isLessThanOrEqualTo(1);
        System.out.println("Malformed Digest headers by status: " + statuses);
    }

    @Test
    void wrongResponsesCountTowardLockoutLikePasswordFailures() throws Exception {
        for (int i = 0; i < 3; i++) { // the realm's failureFactor
            assertThat(curlDigest(realm, "dave", "wrong-" + i).status()).isEqualTo(401);
        }
        String daveId = realm.admin().users().search("dave", true).get(0).getId();
        // Keycloak records failures on a background executor: give it a moment.
        for (int i = 0; i < 50 && !Boolean.TRUE.equals(realm.admin().attackDetection().bruteForceUserStatus(daveId).get("disabled")); i++) {
            Thread.sleep(100);
        }
        assertThat(realm.admin().attackDetection().bruteForceUserStatus(daveId)).containsEntry("disabled", true);

        Curl.Response locked = curlDigest(realm, "dave", "dave-pass");
        assertThat(locked.status()).as(locked.toString()).isEqualTo(401);
        assertThat(locked.body()).doesNotContain("access_token");
    }

    @Test
    void passwordChangeRetiresTheHa1DerivedFromTheOldPassword() throws Exception {
        assertThat(passwordGrant(realm, "frank", "frank-password").status()).isEqualTo(200);
        assertThat(curlDigest(realm, "frank", "frank-password").status()).as("enrolled").isEqualTo(200);

        UserResource frank = realm.admin().users().get(realm.admin().users().search("frank", true).get(0).getId());
        CredentialRepresentation reset = new CredentialRepresentation();
        reset.setType("password");
        reset.setValue("frank-new-password");
        reset.setTemporary(false);
        frank.resetPassword(reset);

        assertThat(curlDigest(realm, "frank", "frank-password").status()).as("old password").isEqualTo(401);
        assertThat(curlDigest(realm, "frank", "frank-new-password").status())
                .as("new password, before a password login enrols it").isEqualTo(401);
        // The two refusals above are this test's own; on 26.2 Keycloak's brute-force detector was seen to lock frank
        // after them (CI, once), which is not what this test is about.
        realm.admin().attackDetection().clearBruteForceForUser(frank.toRepresentation().getId());
        assertThat(passwordGrant(realm, "frank", "frank-new-password").status()).isEqualTo(200);
        assertThat(curlDigest(realm, "frank", "frank-new-password").status()).isEqualTo(200);
    }

    @Test
    void userWithPendingRequiredActionIsRefusedClearly() throws Exception {
        Curl.Response result = curlDigest(realm, "erin", "erin-pass");

        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.body()).contains("invalid_grant").contains("not fully set up");
    }

    private static String freshNonce() throws Exception {
        HttpResponse<String> challenge = HTTP.send(tokenRequest().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).isEqualTo(401);
        return DigestHeaders.nonceOf(challenge);
    }

    private static String digestHeader(String user, String password, DigestAlgorithm algorithm, String nonce, String uri) {
        return DigestHeaders.authorization(user, password, algorithm, nonce, uri, "POST");
    }

    private static HttpResponse<String> postWithAuthorization(String header) throws Exception {
        return HTTP.send(tokenRequest().header("Authorization", header).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with the form when an Authorization header follows, or empty (to get a challenge) otherwise. */
    private static HttpRequest.Builder tokenRequest() {
        return HttpRequest.newBuilder(URI.create(realm.tokenEndpoint("127.0.0.1")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FORM));
    }

    private static String tokenPath() {
        return "/realms/" + realm.name() + "/protocol/openid-connect/token";
    }

    private static String digestConfigId() {
        return realm.admin().flows().getExecutions("digest direct grant").stream()
                .filter(e -> "direct-grant-http-digest".equals(e.getProviderId())).findFirst().orElseThrow().getAuthenticationConfig();
    }

}
