package io.authbridge.it.cluster;


import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.digest.core.DigestAuthorizationParser;
import io.authbridge.digest.core.DigestCalculator;
import io.authbridge.it.exchange.SsoLogin;
import io.authbridge.it.harness.ClientPolicies;
import io.authbridge.it.harness.ClusterRealm;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.Jwt;
import io.authbridge.it.harness.KeycloakLine;
import io.authbridge.it.harness.OpenSsl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What AuthBridge promises must hold across the nodes of a cluster: two Keycloak nodes on PostgreSQL with
 * Infinispan's distributed caches ({@link io.authbridge.it.harness.KeycloakCluster}). Node A is index 0, node B 1.
 */
@Tag("cluster")
class ClusterGuaranteesIT {

    @RegisterExtension
    static final ClusterRealm apiKeys = ClusterRealm.importedFrom("/realms/api-key.json");
    @RegisterExtension
    static final ClusterRealm exchange = ClusterRealm.importedFrom("/realms/cookie-exchange.json");
    @RegisterExtension
    static final ClusterRealm digest = ClusterRealm.importedFrom("/realms/digest.json");

    private static final String APP_ORIGIN = "http://app.example";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Keycloak 26.0 refuses the cookie exchange while client policies are on (README "Compatibility"). */
    @BeforeAll
    static void withoutPoliciesWhereTheLineCannotApplyThemToTheExchange() {
        if (!KeycloakLine.current().raisesTokenExchangePolicyEvent()) {
            ClientPolicies.setEnabled(exchange.admin(), false);
        }
    }

    @Test
    void anHmacRequestAcceptedByNodeAIsAReplayOnNodeB() {
        String body = "{\"timestamp\":" + System.currentTimeMillis() + "}";
        String signature = OpenSsl.hmacSha256Hex("partner-secret-1", body);
        Curl.Response first = legacyLogin(0, signature, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        Curl.Response replay = legacyLogin(1, signature, body);
        replay.assertError(401, "invalid_client");
        assertThat(replay.json().path("error_description").asText()).contains("already used");
    }

    @Test
    void anSsoCookieSetByNodeAExchangesOnNodeBAndLogoutOnNodeBEndsItOnNodeA() {
        SsoLogin login = SsoLogin.at(exchange.url(0, "127.0.0.1"), "spa", "alice", "alice-pass");

        Curl.Response onB = exchangeAt(1, login);
        assertThat(onB.status()).as(onB.toString()).isEqualTo(200);
        assertThat(Jwt.claims(onB.json().path("access_token").asText()).path("preferred_username").asText()).isEqualTo("alice");

        Curl.Response logout = Curl.from("127.0.0.1").form("client_id", "spa")
                .form("refresh_token", onB.json().path("refresh_token").asText())
                .post(exchange.url(1, "127.0.0.1") + "/protocol/openid-connect/logout");
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);

        exchangeAt(0, login).assertError(401, "login_required");
    }

    @Test
    void anIpAllowlistSavedThroughNodeAIsEnforcedByNodeB() {
        assertThat(pinnedLoginAt(1).status()).as("127.0.0.1 is not on partner-pinned's list yet").isEqualTo(403);

        ClientRepresentation pinned = apiKeys.admin().clients().findByClientId("partner-pinned").get(0);
        pinned.getAttributes().put("authbridge.ip-allowlist", "127.0.0.12, 127.0.0.1");
        apiKeys.admin().clients().get(pinned.getId()).update(pinned);
        try {
            Curl.Response allowed = pinnedLoginAt(1);
            assertThat(allowed.status()).as("node B, after the update through node A: " + allowed).isEqualTo(200);
        } finally {
            pinned.getAttributes().put("authbridge.ip-allowlist", "127.0.0.12");
            apiKeys.admin().clients().get(pinned.getId()).update(pinned);
        }
        assertThat(pinnedLoginAt(1).status()).as("and the narrowed list again").isEqualTo(403);
    }

    @Test
    void aDigestNonceFromNodeAIsAcceptedByNodeBAndItsCountIsSpentForBoth() throws Exception {
        HttpResponse<String> challenge = digestPost(0, null);
        assertThat(challenge.statusCode()).isEqualTo(401);
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge.headers().allValues("WWW-Authenticate").get(0));
        assertThat(nonce.find()).isTrue();
        String authorization = digestAuthorization("grace", "grace-pass", nonce.group(1));

        HttpResponse<String> onB = digestPost(1, authorization);
        assertThat(onB.statusCode()).as("node B accepts node A's nonce: " + onB.body()).isEqualTo(200);
        HttpResponse<String> replayOnA = digestPost(0, authorization);
        assertThat(replayOnA.statusCode()).as("the (nonce, nc) node B used, on node A: " + replayOnA.body()).isEqualTo(401);
        assertThat(replayOnA.body()).doesNotContain("access_token");
    }

    @Test
    void aDigestLockoutCountedOnNodeAHoldsOnNodeB() throws Exception {
        for (int i = 0; i < 3; i++) { // the realm's failureFactor
            assertThat(curlDigest(0, "dave", "wrong-" + i).status()).isEqualTo(401);
        }
        String daveId = digest.admin().users().search("dave", true).get(0).getId();
        // Keycloak records failures on a background executor.
        for (int i = 0; i < 50 && !Boolean.TRUE.equals(digest.admin().attackDetection().bruteForceUserStatus(daveId).get("disabled")); i++) {
            Thread.sleep(100);
        }
        Curl.Response onB = curlDigest(1, "dave", "dave-pass");
        assertThat(onB.status()).as("node B, right password: " + onB).isEqualTo(401);
        assertThat(onB.body()).doesNotContain("access_token");
        assertThat(curlDigest(1, "grace", "grace-pass").status()).as("another user on node B").isEqualTo(200);
    }

    /** curl's own Digest client against one node's token endpoint (direct grant of tv-app). */
    private static Curl.Response curlDigest(int node, String user, String password) {
        return Curl.from("127.0.0.1").digestAuth(user, password).form("grant_type", "password").form("client_id", "tv-app")
                .post(digest.tokenEndpoint(node, "127.0.0.1"));
    }

    /** A Digest response crafted for a nonce one node issued, to send to another (curl answers only its own 401). */
    private static String digestAuthorization(String user, String password, String nonce) throws Exception {
        String uri = "/realms/" + digest.name() + "/protocol/openid-connect/token";
        String draft = "Digest username=\"" + user + "\", realm=\"AminoTV\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c" + System.nanoTime() + "\", response=\"" + "0".repeat(64) + "\"";
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.SHA_256, user, "AminoTV", password);
        String response = DigestCalculator.expectedResponse(DigestAuthorizationParser.parse(draft), ha1, "POST", new byte[0]);
        return draft.replace("response=\"" + "0".repeat(64) + "\"", "response=\"" + response + "\"");
    }

    private static HttpResponse<String> digestPost(int node, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(digest.tokenEndpoint(node, "127.0.0.1")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=tv-app"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Curl.Response legacyLogin(int node, String signature, String body) {
        return Curl.from("127.0.0.1")
                .header("x-authentication-api-key", "partner-admin")
                .header("x-authentication-signature", signature)
                .header("x-multitenant-external-id", "acme")
                .header("Content-Type", "application/json")
                .body(body)
                .post(apiKeys.url(node, "127.0.0.1") + "/api-key/login/session");
    }

    private static Curl.Response pinnedLoginAt(int node) {
        String body = "{\"timestamp\":" + System.currentTimeMillis() + "}";
        return Curl.from("127.0.0.1")
                .header("x-authentication-api-key", "partner-pinned")
                .header("x-authentication-signature", OpenSsl.hmacSha256Hex("pinned-secret", body))
                .header("Content-Type", "application/json")
                .body(body)
                .post(apiKeys.url(node, "127.0.0.1") + "/api-key/login/session");
    }

    private static Curl.Response exchangeAt(int node, SsoLogin login) {
        return Curl.from("127.0.0.1").cookieJar(login.jar).header("Origin", APP_ORIGIN)
                .header("X-AuthBridge-Cookie-Exchange", "1").form("client_id", "spa")
                .post(exchange.url(node, "127.0.0.1") + "/cookie-exchange/token");
    }
}
