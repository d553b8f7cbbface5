package io.authbridge.it.digest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.DigestHeaders;
import io.authbridge.it.harness.HostileRuns;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way an admin can place {@code http-digest} in a flow, each bound to one client (Client → Advanced →
 * Authentication flow overrides) and, for the strictest, to the realm: REQUIRED alone, ALTERNATIVE beside a password
 * sub-flow, ALTERNATIVE alone, REQUIRED inside a CONDITIONAL sub-flow (users with {@code legacy-device=true}),
 * REQUIRED inside an ALTERNATIVE sub-flow; and in the browser flow, REQUIRED after the SSO cookie. For each:
 * {@code curl --digest} logs in, whatever cannot log in gets the one right 4xx, and malformed headers never get a
 * 5xx. Realm {@code realms/digest-flows.json}; the flows are bound through the admin API as an admin binds them.
 */
class DigestFlowConfigurationsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-flows.json");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String CALLBACK = "http://tv.test/callback";
    /** client → the direct-grant flow it is bound to. */
    private static final Map<String, String> DIRECT_GRANT_OVERRIDES = Map.of(
            "dg-required", "digest only",
            "dg-alternative", "digest or password",
            "dg-lone", "digest lone alternative",
            "dg-conditional", "digest for legacy users",
            "dg-nested", "digest in alternative subflow");

    @BeforeAll
    static void bindFlowsToClients() {
        Map<String, String> flowIds = new TreeMap<>();
        for (AuthenticationFlowRepresentation flow : realm.admin().flows().getFlows()) {
            flowIds.put(flow.getAlias(), flow.getId());
        }
        DIRECT_GRANT_OVERRIDES.forEach((clientId, flow) -> bind(clientId, "direct_grant", flowIds.get(flow)));
        bind("browser-digest", "browser", flowIds.get("browser cookie or digest"));
    }

    private static void bind(String clientId, String binding, String flowId) {
        assertThat(flowId).as("flow for " + clientId).isNotNull();
        ClientRepresentation client = realm.admin().clients().findByClientId(clientId).get(0);
        client.setAuthenticationFlowBindingOverrides(Map.of(binding, flowId));
        realm.admin().clients().get(client.getId()).update(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dg-required", "dg-alternative", "dg-lone", "dg-nested"})
    void curlDigestLogsInWithTheClientIdInTheBodyOnly(String clientId) {
        // curl's first POST is empty: the challenge cannot know the client, and still has to be the right one.
        Curl.Response login = Curl.from("127.0.0.1").digestAuth("alice", "s3cret")
                .form("grant_type", "password").form("client_id", clientId).post(realm.tokenEndpoint("127.0.0.1"));

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().path("access_token").asText()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dg-required", "dg-alternative", "dg-lone", "dg-nested"})
    void curlDigestLogsInWithTheClientIdInTheUrl(String clientId) {
        Curl.Response login = Curl.from("127.0.0.1").digestAuth("alice", "s3cret")
                .form("grant_type", "password").form("client_id", clientId)
                .post(realm.tokenEndpoint("127.0.0.1") + "?client_id=" + clientId);

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
    }

    @Test
    void conditionalSubFlowLetsLegacyUsersInWithDigestOnly() {
        String url = realm.tokenEndpoint("127.0.0.1") + "?client_id=dg-conditional";
        Curl.Response digest = Curl.from("127.0.0.1").digestAuth("alice", "s3cret")
                .form("grant_type", "password").form("client_id", "dg-conditional").form("username", "alice").post(url);
        Curl.Response legacyUsersPassword = passwordGrant("dg-conditional", "carol", "carol-pass");
        Curl.Response othersPassword = passwordGrant("dg-conditional", "bob", "bob-password");

        assertThat(digest.status()).as(digest.toString()).isEqualTo(200);
        challenged(legacyUsersPassword, "invalid_request");
        assertThat(othersPassword.status()).as(othersPassword.toString()).isEqualTo(200);
    }

    @Test
    void digestOfAnotherUserThanTheUsernameStepFoundIsRefused() {
        // carol's Digest password is right, but the username step before the conditional sub-flow named erin (whose
        // failure count it is, as for a wrong password).
        Curl.Response result = Curl.from("127.0.0.1").digestAuth("carol", "carol-pass")
                .form("grant_type", "password").form("client_id", "dg-conditional").form("username", "erin")
                .post(realm.tokenEndpoint("127.0.0.1") + "?client_id=dg-conditional");

        challenged(result, "invalid_grant");
        assertThat(result.json().path("error_description").asText()).isEqualTo("Invalid user credentials");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dg-required", "dg-lone"})
    void withNoOtherWayAPasswordGrantIsChallengedNotA500(String clientId) {
        challenged(passwordGrant(clientId, "bob", "bob-password"), "invalid_request");
        Curl.Response basic = Curl.from("127.0.0.1").basicAuth(clientId, "x")
                .form("grant_type", "password").form("username", "bob").form("password", "bob-password")
                .post(realm.tokenEndpoint("127.0.0.1"));
        challenged(basic, "invalid_request");
        assertThat(basic.json().path("error_description").asText()).isEqualTo("This login requires HTTP Digest authentication");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dg-alternative", "dg-nested"})
    void besideAPasswordSubFlowPasswordsStillWork(String clientId) {
        Curl.Response password = passwordGrant(clientId, "bob", "bob-password");
        Curl.Response basicThenPassword = Curl.from("127.0.0.1").basicAuth(clientId, "x")
                .form("grant_type", "password").form("username", "bob").form("password", "bob-password")
                .post(realm.tokenEndpoint("127.0.0.1"));

        assertThat(password.status()).as(password.toString()).isEqualTo(200);
        assertThat(basicThenPassword.status()).as(basicThenPassword.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dg-required", "dg-alternative", "dg-lone", "dg-nested"})
    void aWrongDigestPasswordIsInvalidUserCredentials(String clientId) {
        // wendy: a user of her own, as these failures count toward her lockout
        Curl.Response wrong = Curl.from("127.0.0.1").digestAuth("wendy", "wrong")
                .form("grant_type", "password").form("client_id", clientId)
                .post(realm.tokenEndpoint("127.0.0.1") + "?client_id=" + clientId);

        challenged(wrong, "invalid_grant");
        assertThat(wrong.json().path("error_description").asText()).isEqualTo("Invalid user credentials");
    }

    @Test
    void theStrictFlowsBoundToTheRealmWorkTheSame() {
        RealmRepresentation representation = realm.admin().toRepresentation();
        String before = representation.getDirectGrantFlow();
        String browserBefore = representation.getBrowserFlow();
        representation.setDirectGrantFlow("digest only");
        representation.setBrowserFlow("browser cookie or digest");
        realm.admin().update(representation);
        try {
            Curl.Response digest = Curl.from("127.0.0.1").digestAuth("alice", "s3cret")
                    .form("grant_type", "password").form("client_id", "tv-app").post(realm.tokenEndpoint("127.0.0.1"));
            assertThat(digest.status()).as(digest.toString()).isEqualTo(200);
            challenged(passwordGrant("tv-app", "bob", "bob-password"), "invalid_request");
            assertThat(malformedHeaderStatuses("tv-app", 200, 20261201L)).allSatisfy((status, count) ->
                    assertThat(status).isBetween(400, 499));

            String authorize = authorizationUrl("tv-app");
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(401);
            assertThat(page.body()).contains("id=\"kc-error-message\"");
            Curl.Response browserLogin = Curl.from("127.0.0.1").digestAuth("alice", "s3cret").get(authorize);
            assertThat(browserLogin.status()).as(browserLogin.toString()).isEqualTo(302);
            assertThat(browserLogin.header("Location")).startsWith(CALLBACK).contains("code=");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            representation.setBrowserFlow(browserBefore);
            representation.setDirectGrantFlow(before);
            realm.admin().update(representation);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dg-required", "dg-alternative", "dg-lone", "dg-conditional", "dg-nested"})
    void malformedDigestHeadersNeverGetA5xx(String clientId) throws Exception {
        // The scheme's hostile requests, spread over its five configurations (200 each in every build).
        int count = HostileRuns.requestsPerScheme() / 5;
        Map<Integer, Integer> statuses = malformedHeaderStatuses(clientId, count, clientId.hashCode());

        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isBetween(count - 1, count);
        assertThat(statuses.keySet()).allSatisfy(status -> assertThat(status).isBetween(400, 499));
        System.out.println("Malformed Digest headers for " + clientId + " by status: " + statuses);
    }

    @Test
    void browserFlowWithDigestAsTheOnlyLoginShowsKeycloaksErrorPageWithTheChallenge() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(authorizationUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(401);
        assertThat(page.headers().allValues("WWW-Authenticate")).anySatisfy(value -> assertThat(value).startsWith("Digest realm=\"AminoTV\""));
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).as("Keycloak's themed error page").contains("id=\"kc-error-message\"")
                .contains("Digest authentication required");
    }

    @Test
    void browserFlowWithDigestAsTheOnlyLoginLogsInWithCurlDigest() {
        Curl.Response login = Curl.from("127.0.0.1").digestAuth("alice", "s3cret").get(authorizationUrl());

        assertThat(login.status()).as(login.toString()).isEqualTo(302);
        assertThat(login.header("Location")).startsWith(CALLBACK).contains("code=").doesNotContain("error=");
    }

    @Test
    void browserFlowWithDigestAsTheOnlyLoginChallengesAnotherScheme() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(authorizationUrl()))
                .header("Authorization", "Basic YWxpY2U6czNjcmV0").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(401);
        assertThat(page.headers().allValues("WWW-Authenticate")).isNotEmpty();
        assertThat(page.body()).contains("id=\"kc-error-message\"");
    }

    private static String authorizationUrl() {
        return authorizationUrl("browser-digest");
    }

    private static String authorizationUrl(String clientId) {
        return realm.url("127.0.0.1") + "/protocol/openid-connect/auth?client_id=" + clientId + "&response_type=code"
                + "&scope=openid&redirect_uri=" + CALLBACK;
    }

    /**
     * {@code count} mutations of a valid header of mallory's (whose lockout they may fill), with the client in the URL.
     * Each configuration starts with mallory not locked: a conditional sub-flow checks the username before the
     * Digest step, and Keycloak refuses a locked user there without a Digest challenge.
     */
    private static Map<Integer, Integer> malformedHeaderStatuses(String clientId, int count, long seed) {
        realm.admin().attackDetection().clearBruteForceForUser(realm.admin().users().search("mallory", true).get(0).getId());
        String url = realm.tokenEndpoint("127.0.0.1") + "?client_id=" + clientId;
        String form = "grant_type=password&client_id=" + clientId + ("dg-conditional".equals(clientId) ? "&username=mallory" : "");
        Map<Integer, Integer> statuses = new TreeMap<>();
        try {
            String nonce = DigestHeaders.nonceOf(HTTP.send(post(url, form).build(), HttpResponse.BodyHandlers.ofString()));
            String path = URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery();
            String valid = DigestHeaders.authorization("mallory", "mallory-pass", DigestAlgorithm.SHA_256, nonce, path, "POST");
            Random random = new Random(seed);
            int sent = 0;
            for (int i = 0; sent < count && i < count * 5; i++) {
                HttpRequest request;
                try {
                    request = post(url, form).header("Authorization", DigestHeaders.mutate(valid, random)).build();
                } catch (IllegalArgumentException e) {
                    continue; // a header no HTTP client can put on the wire
                }
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("%s -> %s", request.headers(), response.body()).isLessThan(500);
                assertThat(response.body()).doesNotContain("Exception").doesNotContain("mallory-pass");
                if (response.statusCode() != 200) {
                    assertThat(response.body()).as("an OAuth error").contains("\"error\":");
                }
                statuses.merge(response.statusCode(), 1, Integer::sum);
                sent++;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        // A mutation may still be a valid header (whitespace around '=' is allowed): accepted once, then a replay.
        assertThat(statuses.getOrDefault(200, 0)).as("a nonce and nc are accepted once").isLessThanOrEqualTo(1);
        statuses.remove(200);
        return statuses;
    }

    private static HttpRequest.Builder post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static Curl.Response passwordGrant(String clientId, String username, String password) {
        return Curl.from("127.0.0.1").form("grant_type", "password").form("client_id", clientId)
                .form("username", username).form("password", password).post(realm.tokenEndpoint("127.0.0.1"));
    }

    /** 401, the OAuth error, and the Digest challenge to answer. */
    private static void challenged(Curl.Response response, String error) {
        response.assertError(401, error);
        assertThat(response.headers().get("www-authenticate")).as(response.toString())
                .anySatisfy(value -> assertThat(value).startsWith("Digest realm=\"AminoTV\""));
    }
}
