package io.authbridge.it.digest.endpoint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.KeycloakLine;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.EventRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET|POST /realms/{realm}/digest/login?client_id=…} against the real server, driven by {@code curl --digest}.
 * Realm {@code realms/digest-login.json}: digest realm string "AminoTV" (SHA-256 and MD5) in the direct-grant flow;
 * users with HA1 hashes imported from the legacy system (alice / s3cret, …); the public client {@code tv-app} with
 * the standard flow (for the SSO check); {@code restricted-tv} under an {@code ip-allowlist} policy that allows only
 * its attribute's {@code 127.0.0.1, ::1}.
 */
class DigestLoginEndpointIT {

    private static final String CALLBACK = "http://tv.test/callback";

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-login.json");

    @TempDir
    Path tmp;

    @Test
    void getLogsInWithCurlDigestSetsTheSsoCookieAndReturnsTokens() throws Exception {
        Path jar = tmp.resolve("cookies.txt");
        Curl.Response login = Curl.request().digestAuth("alice", "s3cret").cookieJar(jar).get(loginUrl("tv-app"));

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        JsonNode tokens = login.json();
        assertThat(tokens.path("access_token").asText()).isNotEmpty();
        assertThat(tokens.path("refresh_token").asText()).isNotEmpty();
        assertThat(tokens.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(tokens.has("id_token")).as("no openid scope, no ID token").isFalse();
        assertThat(login.header("Cache-Control")).contains("no-store");
        assertThat(login.header("Content-Type")).startsWith("application/json");
        assertThat(login.header("Authentication-Info")).contains("rspauth=").contains("nextnonce=");

        String cookies = Files.readString(jar);
        assertThat(cookies).contains("KEYCLOAK_IDENTITY").contains("KEYCLOAK_SESSION").contains("/realms/" + realm.name() + "/");

        // Keycloak's own authorization endpoint accepts the cookie: a code without any login page.
        Curl.Response sso = Curl.request().cookieJar(jar).get(realm.url("127.0.0.1") + "/protocol/openid-connect/auth?client_id=tv-app"
                + "&response_type=code&scope=openid&prompt=none&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8));
        assertThat(sso.status()).as(sso.toString()).isEqualTo(302);
        assertThat(sso.header("Location")).startsWith(CALLBACK).contains("code=").doesNotContain("error=");

        // The refresh token belongs to a real user session.
        Curl.Response refreshed = Curl.request().form("grant_type", "refresh_token").form("client_id", "tv-app")
                .form("refresh_token", tokens.path("refresh_token").asText()).post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().path("session_state").asText()).isEqualTo(tokens.path("session_state").asText());
    }

    @Test
    void postWithAFormBodyLogsInAndOpenidScopeAddsAnIdToken() {
        Curl.Response login = Curl.request().digestAuth("alice", "s3cret").body("scope=openid").post(loginUrl("tv-app"));

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().path("id_token").asText()).isNotEmpty();
        assertThat(login.json().path("scope").asText()).contains("openid");

        Curl.Response userinfo = Curl.request().header("Authorization", "Bearer " + login.json().path("access_token").asText())
                .get(realm.url("127.0.0.1") + "/protocol/openid-connect/userinfo");
        assertThat(userinfo.status()).as(userinfo.toString()).isEqualTo(200);
        assertThat(userinfo.json().path("preferred_username").asText()).isEqualTo("alice");
    }

    @Test
    void theClientIdMayComeInTheFormBody() {
        // curl probes with an empty POST first: the endpoint must challenge it although it names no client yet.
        Curl.Response login = Curl.request().digestAuth("alice", "s3cret").body("client_id=tv-app")
                .post(realm.url("127.0.0.1") + "/digest/login");

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().path("access_token").asText()).isNotEmpty();
    }

    @Test
    void aMalformedFormBodyIsA400() {
        Curl.Response result = Curl.request().body("scope=%zz").post(loginUrl("tv-app"));

        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.json().path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void aSecondLoginWithTheCookieReusesTheSsoSession() {
        Path jar = tmp.resolve("cookies.txt");
        Curl.Response first = Curl.request().digestAuth("alice", "s3cret").cookieJar(jar).get(loginUrl("tv-app"));
        Curl.Response second = Curl.request().digestAuth("alice", "s3cret").cookieJar(jar).get(loginUrl("tv-app"));
        Curl.Response withoutCookie = Curl.request().digestAuth("alice", "s3cret").get(loginUrl("tv-app"));

        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().path("session_state").asText()).isEqualTo(first.json().path("session_state").asText());
        assertThat(withoutCookie.json().path("session_state").asText()).isNotEqualTo(first.json().path("session_state").asText());
    }

    @Test
    void anotherUsersLoginWithTheCookieEndsThePreviousSession() {
        Path jar = tmp.resolve("cookies.txt");
        Curl.Response alice = Curl.request().digestAuth("alice", "s3cret").cookieJar(jar).get(loginUrl("tv-app"));
        String aliceSession = alice.json().path("session_state").asText();
        String aliceId = realm.admin().users().searchByUsername("alice", true).get(0).getId();
        assertThat(realm.admin().users().get(aliceId).getUserSessions()).anyMatch(s -> s.getId().equals(aliceSession));

        Curl.Response ivy = Curl.request().digestAuth("ivy", "ivy-pass").cookieJar(jar).get(loginUrl("tv-app"));

        assertThat(ivy.status()).as(ivy.toString()).isEqualTo(200);
        assertThat(ivy.json().path("session_state").asText()).isNotEqualTo(aliceSession);
        assertThat(realm.admin().users().get(aliceId).getUserSessions()).noneMatch(s -> s.getId().equals(aliceSession));
    }

    @Test
    void aClientWithoutRefreshTokensGetsOnlyAnAccessToken() {
        Curl.Response login = Curl.request().digestAuth("alice", "s3cret").get(loginUrl("tv-app-no-refresh"));

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().path("access_token").asText()).isNotEmpty();
        assertThat(login.json().has("refresh_token")).isFalse();
    }

    @Test
    void wrongPasswordUnknownUserAndUserWithoutHa1LookTheSame() {
        Curl.Response wrong = Curl.request().digestAuth("walter", "not-his-password").get(loginUrl("tv-app"));
        Curl.Response unknown = Curl.request().digestAuth("nobody", "s3cret").get(loginUrl("tv-app"));
        Curl.Response noHa1 = Curl.request().digestAuth("frank", "frank-password").get(loginUrl("tv-app"));

        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(wrong.headers("WWW-Authenticate")).isNotEmpty().allMatch(value -> value.startsWith("Digest "));
        assertThat(wrong.json().path("error").asText()).isEqualTo("invalid_grant");
        for (Curl.Response other : List.of(unknown, noHa1)) {
            assertThat(other.status()).as(other.toString()).isEqualTo(wrong.status());
            assertThat(other.body()).isEqualTo(wrong.body());
            assertThat(other.headers("WWW-Authenticate")).hasSameSizeAs(wrong.headers("WWW-Authenticate"));
        }
    }

    @Test
    void theChallengeOffersTheFlowsDigestWithAuthInt() {
        Curl.Response challenge = Curl.request().get(loginUrl("tv-app"));

        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(401);
        assertThat(challenge.headers("WWW-Authenticate")).hasSize(2)
                .allMatch(value -> value.contains("realm=\"AminoTV\"") && value.contains("auth-int"));
        assertThat(challenge.headers("WWW-Authenticate").get(0)).contains("algorithm=SHA-256");
        assertThat(challenge.headers("WWW-Authenticate").get(1)).contains("algorithm=MD5");
        assertThat(challenge.header("Cache-Control")).contains("no-store");
    }

    @Test
    void anotherSchemeGetsTheDigestChallenge() {
        Curl.Response basic = Curl.request().basicAuth("alice", "s3cret").get(loginUrl("tv-app"));

        assertThat(basic.status()).as(basic.toString()).isEqualTo(401);
        assertThat(basic.headers("WWW-Authenticate")).isNotEmpty().allMatch(value -> value.startsWith("Digest "));
    }

    @Test
    void clientIdIsRequired() {
        Curl.Response missing = Curl.request().digestAuth("alice", "s3cret").get(realm.url("127.0.0.1") + "/digest/login");
        Curl.Response empty = Curl.request().digestAuth("alice", "s3cret").get(loginUrl(""));

        for (Curl.Response result : List.of(missing, empty)) {
            assertThat(result.status()).as(result.toString()).isEqualTo(400);
            assertThat(result.json().path("error").asText()).isEqualTo("invalid_request");
            assertThat(result.body()).doesNotContain("access_token");
        }
    }

    @Test
    void unknownAndDisabledClientsAreRefusedAlike() {
        Curl.Response unknown = Curl.request().digestAuth("alice", "s3cret").get(loginUrl("no-such-app"));
        Curl.Response disabled = Curl.request().digestAuth("alice", "s3cret").get(loginUrl("retired-app"));

        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(401);
        assertThat(unknown.json().path("error").asText()).isEqualTo("invalid_client");
        assertThat(disabled.status()).isEqualTo(unknown.status());
        assertThat(disabled.body()).isEqualTo(unknown.body());
    }

    @Test
    void confidentialClientsAndClientsWithoutDirectGrantsAreRefused() {
        for (String clientId : List.of("backend", "web-only")) {
            Curl.Response result = Curl.request().digestAuth("alice", "s3cret").get(loginUrl(clientId));
            assertThat(result.status()).as(clientId + ": " + result).isEqualTo(400);
            assertThat(result.json().path("error").asText()).isEqualTo("unauthorized_client");
        }
    }

    @Test
    void aReplayedAuthorizationHeaderIsRefused() {
        Curl.Response login = Curl.request().digestAuth("alice", "s3cret").verbose().get(loginUrl("tv-app"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        List<String> sent = login.sent("Authorization");
        assertThat(sent).isNotEmpty();

        Curl.Response replay = Curl.request().header("Authorization", sent.get(sent.size() - 1)).get(loginUrl("tv-app"));

        assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
        assertThat(replay.headers("WWW-Authenticate")).isNotEmpty();
        assertThat(replay.body()).contains("already used").doesNotContain("access_token");
    }

    @Test
    void theIpAllowListPolicyAppliesToTheEndpoint() {
        Curl.Response outside = Curl.from("127.0.0.2").digestAuth("alice", "s3cret").get(loginUrl("restricted-tv"));
        Curl.Response inside = Curl.from("127.0.0.1").digestAuth("alice", "s3cret").get(loginUrl("restricted-tv"));

        assertThat(inside.status()).as(inside.toString()).isEqualTo(200);
        if (!KeycloakLine.current().atLeast("26.6")) {
            // README "Compatibility": before 26.6 Keycloak's client-roles condition, which selects this realm's
            // policy, abstains on password-grant requests, so no policy applies to them (Keycloak's behaviour).
            assertThat(outside.status()).as(outside.toString()).isEqualTo(200);
            return;
        }
        assertThat(outside.status()).as(outside.toString()).isEqualTo(403);
        assertThat(outside.json().path("error").asText()).isEqualTo("access_denied");
        assertThat(outside.body()).contains("127.0.0.2");
    }

    @Test
    void aUserWithPendingRequiredActionsIsRefused() {
        Curl.Response result = Curl.request().digestAuth("erin", "erin-pass").get(loginUrl("tv-app"));

        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(result.json().path("error_description").asText()).isEqualTo("Account is not fully set up");
    }

    @Test
    void aDisabledUserIsToldSoOnlyWithTheRightPassword() {
        Curl.Response right = Curl.request().digestAuth("carol", "carol-pass").get(loginUrl("tv-app"));
        Curl.Response wrong = Curl.request().digestAuth("carol", "guess").get(loginUrl("tv-app"));

        assertThat(right.status()).as(right.toString()).isEqualTo(400);
        assertThat(right.json().path("error_description").asText()).isEqualTo("Account disabled");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(wrong.json().path("error_description").asText()).isEqualTo("Invalid user credentials");
    }

    @Test
    void repeatedFailuresLockTheAccountOut() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(Curl.request().digestAuth("dave", "wrong-" + i).get(loginUrl("tv-app")).status()).isEqualTo(401);
        }
        String daveId = realm.admin().users().searchByUsername("dave", true).get(0).getId();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        // Keycloak counts failures asynchronously.
        while (!Boolean.TRUE.equals(realm.admin().attackDetection().bruteForceUserStatus(daveId).get("disabled"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }

        Curl.Response locked = Curl.request().digestAuth("dave", "dave-pass").get(loginUrl("tv-app"));

        assertThat(locked.status()).as(locked.toString()).isEqualTo(401);
        assertThat(locked.json().path("error_description").asText()).isEqualTo("Invalid user credentials");
    }

    @Test
    void malformedDigestIsA400AndForeignSchemesAreChallengedNeverA500() {
        // Digest that does not parse (or lacks what the check needs): 400 invalid_request.
        List<String> malformed = List.of("Digest", "Digest ", "Digest username=", "Digest username=\"alice\"",
                "Digest username=\"alice\", realm=\"AminoTV\", nonce=\"bm9uY2U\", uri=\"/\", response=\"zz\"",
                "Digest username=\"alice\", realm=\"AminoTV\", nonce=\"" + "A".repeat(5000) + "\", uri=\"/x\", response=\"00\", qop=auth, nc=zz, cnonce=\"c\"",
                "Digest realm=\"\"\"\"", "Digest ,,,,,,", "Digest username=\"\\\"", "Digest username*=UTF-8''%C3%A4",
                "Digest username=\"alice\", realm=\"Other\", nonce=\"n\", uri=\"/\", response=\"r\", algorithm=SHA-512-256",
                "Digest username=\"alice\", userhash=true, realm=\"AminoTV\", nonce=\"n\", uri=\"/\", response=\"r\"");
        // Another scheme, or no scheme at all: the endpoint logs in with Digest only, 401 with the challenge.
        List<String> foreign = List.of("Basic YWxpY2U6czNjcmV0", "Bearer x.y.z", "Negotiate YII=", "\u00ff\u00fe");
        assertAnsweredWith(malformed, 400);
        assertAnsweredWith(foreign, 401);
    }

    private static void assertAnsweredWith(List<String> headers, int status) {
        for (String header : headers) {
            Curl.Response get = Curl.request().header("Authorization", header).get(loginUrl("tv-app"));
            Curl.Response post = Curl.request().header("Authorization", header).body("a=1").post(loginUrl("tv-app"));
            for (Curl.Response result : List.of(get, post)) {
                assertThat(result.status()).as(header + " → " + result).isEqualTo(status);
                assertThat(result.json().path("error").asText()).as(header).isNotEmpty();
                assertThat(result.body()).doesNotContain("Exception").doesNotContain("access_token")
                        .doesNotContain("could not be processed");
            }
        }
    }

    /** qop=auth-int: the Digest response covers the raw request body, which the endpoint reads as it was sent. */
    @Test
    void authIntProtectsTheRequestBody() throws Exception {
        String url = loginUrl("tv-app");
        String uri = "/realms/" + realm.name() + "/digest/login?client_id=tv-app";
        Map<String, String> challenge = sha256Challenge(Curl.request().get(url));
        String body = "scope=openid&note=" + URLEncoder.encode("grüße & more", StandardCharsets.UTF_8);
        String ivyHa1 = "800b25e4ff3d93140151813cf16de5ab8279e1349a12ec048f026b9fde851cf3";
        String header = authInt("ivy", ivyHa1, challenge, uri, body);

        Curl.Response tampered = Curl.request().header("Authorization", header).body(body + "&extra=1").post(url);
        Curl.Response genuine = Curl.request().header("Authorization", header).body(body).post(url);

        assertThat(tampered.status()).as(tampered.toString()).isEqualTo(401);
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(200);
        assertThat(genuine.json().path("id_token").asText()).isNotEmpty();
        String info = genuine.header("Authentication-Info");
        assertThat(info).contains("qop=auth-int").contains("rspauth=");
        // rspauth covers the exact response body.
        String ha2 = sha256Hex(":" + uri + ":" + sha256Hex(genuine.body()));
        String expected = sha256Hex(ivyHa1 + ":" + challenge.get("nonce") + ":00000001:0a4f113b:auth-int:" + ha2);
        assertThat(info).contains("rspauth=\"" + expected + "\"");
    }

    @Test
    void loginsAndFailuresAreLoggedAsEventsWithTheMethod() {
        assertThat(Curl.request().digestAuth("alice", "s3cret").get(loginUrl("tv-app")).status()).isEqualTo(200);
        assertThat(Curl.request().digestAuth("nobody-else", "x").get(loginUrl("tv-app")).status()).isEqualTo(401);

        List<EventRepresentation> logins = realm.admin().getEvents(List.of("LOGIN"), "tv-app", null, null, null, null, 0, 50);
        assertThat(logins).anySatisfy(event -> {
            assertThat(event.getDetails()).containsEntry("auth_method", "http-digest").containsEntry("username", "alice");
            assertThat(event.getSessionId()).isNotBlank();
        });
        List<EventRepresentation> errors = realm.admin().getEvents(List.of("LOGIN_ERROR"), "tv-app", null, null, null, null, 0, 50);
        assertThat(errors).anySatisfy(event -> {
            assertThat(event.getError()).isEqualTo("user_not_found");
            assertThat(event.getDetails()).containsEntry("auth_method", "http-digest").containsEntry("username", "nobody-else")
                    .containsEntry("authbridge_check", "user").containsEntry("reason", "user not found");
        });
    }

    private static String loginUrl(String clientId) {
        return realm.url("127.0.0.1") + "/digest/login?client_id=" + clientId;
    }

    private static Map<String, String> sha256Challenge(Curl.Response challenge) {
        assertThat(challenge.status()).isEqualTo(401);
        String value = challenge.headers("WWW-Authenticate").stream().filter(v -> v.contains("algorithm=SHA-256"))
                .findFirst().orElseThrow();
        Map<String, String> params = new HashMap<>();
        Matcher m = Pattern.compile("([A-Za-z-]+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(value);
        while (m.find()) {
            params.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return params;
    }

    private static String authInt(String user, String ha1, Map<String, String> challenge, String uri, String body) throws Exception {
        String nc = "00000001";
        String cnonce = "0a4f113b";
        String ha2 = sha256Hex("POST:" + uri + ":" + sha256Hex(body));
        String response = sha256Hex(ha1 + ":" + challenge.get("nonce") + ":" + nc + ":" + cnonce + ":auth-int:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + challenge.get("realm") + "\", nonce=\"" + challenge.get("nonce")
                + "\", uri=\"" + uri + "\", algorithm=SHA-256, qop=auth-int, nc=" + nc + ", cnonce=\"" + cnonce
                + "\", response=\"" + response + "\"" + (challenge.containsKey("opaque") ? ", opaque=\"" + challenge.get("opaque") + "\"" : "");
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
