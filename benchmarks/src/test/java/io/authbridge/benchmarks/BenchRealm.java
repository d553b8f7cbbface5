package io.authbridge.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The dedicated realm the benchmark recreates on every run, from {@value #REALM_RESOURCE}. */
final class BenchRealm {

    static final String NAME = "authbridge-bench";
    static final String TOKEN_PATH = "/realms/" + NAME + "/protocol/openid-connect/token";
    /** The SSO scenarios' realm: {@value #NAME} again under another name, see {@link #recreateSsoRealm}. */
    static final String SSO_NAME = "authbridge-bench-sso";

    static final String SECRET_CLIENT = "bench-secret";
    /** Like {@link #SECRET_CLIENT}, with a refresh token (and so a kept user session) on client_credentials. */
    static final String SECRET_REFRESH_CLIENT = "bench-secret-refresh";
    static final String IP_ALLOWLISTED_CLIENT = "bench-ip-allowlisted";
    /** Under the same client policy as {@link #IP_ALLOWLISTED_CLIENT}, but loopback is not on its allow-list. */
    static final String IP_DENIED_CLIENT = "bench-ip-denied";
    static final String CLIENT_SECRET = "bench-secret-secret";
    /** Authenticates with Keycloak's client-secret-jwt: a client assertion signed with {@link #CLIENT_SECRET}. */
    static final String SECRET_JWT_CLIENT = "bench-secret-jwt";

    /** Public client with direct access grants: the password grant and the Digest direct-grant login. */
    static final String PASSWORD_CLIENT = "bench-password";
    static final String USERNAME = "bench-user";
    static final String PASSWORD = "bench-password";

    /** In {@link #SSO_NAME}, logged in through the browser flow only: the sessions of {@link SsoSessionPool}. */
    static final String SSO_USERNAME = "bench-sso-user";
    static final String SSO_PASSWORD = "bench-sso-password";

    /**
     * Has only an imported digest-ha1 credential (no password), HA1 = SHA-256("bench-digest-user:AminoTV:" +
     * the password), like a user migrated from the legacy system.
     */
    static final DigestClient.Credentials DIGEST_USER =
            new DigestClient.Credentials("bench-digest-user", "bench-digest-password");
    /** Confidential client of type client-http-digest: Digest username = client_id, password = client secret. */
    static final DigestClient.Credentials DIGEST_CLIENT =
            new DigestClient.Credentials("bench-digest-client", "bench-digest-secret");

    /** Public client with the cookie exchange enabled (Web Origin http://bench.example). */
    static final String SPA_CLIENT = "bench-spa";
    /** Confidential client of type client-hmac-signature (tenant acme). */
    static final String API_KEY_CLIENT = "bench-api-key";
    static final String API_KEY_SECRET = "bench-api-key-secret";
    static final String API_KEY_TENANT = "acme";

    /** The API-key step's allowed clock skew when {@link #recreate(KeycloakAdminClient, Duration)} sets its window. */
    static final Duration API_KEY_CLOCK_SKEW = Duration.ofSeconds(10);

    private static final String REALM_RESOURCE = "/authbridge-bench-realm.json";
    private static final String NONCE_LIFETIME = "digest.nonce-lifetime-seconds";
    private static final String API_KEY_CONFIG = "bench-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchRealm() {
    }

    /** The form of the Digest direct-grant login: no username or password, the Authorization header has them. */
    static Map<String, String> digestLoginForm() {
        return Map.of("grant_type", "password", "client_id", PASSWORD_CLIENT);
    }

    /** The form of the Digest client_credentials request: no client secret, the Authorization header proves it. */
    static Map<String, String> digestClientCredentialsForm() {
        return Map.of("grant_type", "client_credentials", "client_id", DIGEST_CLIENT.username());
    }

    /**
     * Deletes and re-imports the realm, then checks that
     * <ul>
     * <li>the ip-allowlist client policy is really enforced: the allow-listed client gets a token and the control
     * client is refused. Without that check a policy that silently matched nothing would make the ip-allowlist
     * scenario measure the plain baseline;</li>
     * <li>the password grant works through the realm's direct-grant flow {@code digest direct grant} (a password
     * parameter skips its Digest step). This first login also stores bench-user's HA1 (http-digest-enroll), once,
     * here, rather than in several concurrent requests of the warm-up;</li>
     * <li>both Digest scenarios get tokens with a Digest response (challenge, then Authorization).</li>
     * </ul>
     */
    static void recreate(KeycloakAdminClient admin) {
        recreate(admin, realmJson());
    }

    /**
     * {@link #recreate(KeycloakAdminClient)} with the realm's replay windows set to {@code window}: the nonce lifetime
     * of both Digest steps and the API-key step's maximum timestamp age (its clock skew {@link #API_KEY_CLOCK_SKEW}).
     * The single-use store keeps each used nonce count or signature for about that long, so short windows let it
     * fill up and level off within a soak run.
     */
    static void recreate(KeycloakAdminClient admin, Duration window) {
        ObjectNode realm = realmTree();
        String seconds = String.valueOf(window.toSeconds());
        for (JsonNode config : realm.path("authenticatorConfig")) {
            if (config.path("config").has(NONCE_LIFETIME)) {
                ((ObjectNode) config.path("config")).put(NONCE_LIFETIME, seconds);
            }
        }
        realm.withArray("authenticatorConfig").addObject()
                .put("alias", API_KEY_CONFIG)
                .putObject("config")
                .put("hmac.max-age-seconds", seconds)
                .put("hmac.clock-skew-seconds", String.valueOf(API_KEY_CLOCK_SKEW.toSeconds()));
        for (JsonNode flow : realm.path("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                if (execution.path("authenticator").asText().equals("client-hmac-signature")) {
                    ((ObjectNode) execution).put("authenticatorConfig", API_KEY_CONFIG);
                }
            }
        }
        recreate(admin, realm.toString());
    }

    private static void recreate(KeycloakAdminClient admin, String realmJson) {
        admin.recreateRealm(NAME, realmJson);
        KeycloakAdminClient.expectStatus(clientCredentials(admin, IP_ALLOWLISTED_CLIENT), 200,
                "client_credentials for " + IP_ALLOWLISTED_CLIENT + " from loopback (allow-listed)");
        KeycloakAdminClient.expectStatus(clientCredentials(admin, IP_DENIED_CLIENT), 403,
                "client_credentials for " + IP_DENIED_CLIENT + " from loopback (not allow-listed: the executor must refuse)");
        KeycloakAdminClient.expectStatus(admin.tokenRequest(NAME, Map.of(
                        "grant_type", "password",
                        "client_id", PASSWORD_CLIENT,
                        "username", USERNAME,
                        "password", PASSWORD)), 200,
                "password grant for " + USERNAME + " through the direct-grant flow 'digest direct grant'");
        expectDigestToken(admin, DIGEST_USER, digestLoginForm(), "Digest direct-grant login of " + DIGEST_USER.username());
        expectDigestToken(admin, DIGEST_CLIENT, digestClientCredentialsForm(), "Digest client_credentials of " + DIGEST_CLIENT.username());
        expectApiKeyTokens(admin);
        expectSignedJwtToken(admin);
    }

    /** The realm's issuer: the audience of client assertions. Every node answers under node 1's URL. */
    static String issuer() {
        return BenchSettings.baseUrlFromSystemProperties() + "/realms/" + NAME;
    }

    /** The client_secret_jwt client gets a token, and the same assertion again is refused: its jti is single-use. */
    private static void expectSignedJwtToken(KeycloakAdminClient admin) {
        Map<String, String> form = Map.of(
                "grant_type", "client_credentials",
                "client_assertion_type", SignedJwtRequests.ASSERTION_TYPE,
                "client_assertion", SignedJwtRequests.assertion(SECRET_JWT_CLIENT, CLIENT_SECRET, issuer()));
        KeycloakAdminClient.expectStatus(admin.tokenRequest(NAME, form), 200, "client_secret_jwt client_credentials of " + SECRET_JWT_CLIENT);
        KeycloakAdminClient.expectStatus(admin.tokenRequest(NAME, form), 400,
                "the same client assertion again (its jti is used: must be refused)");
    }

    /**
     * Deletes and imports the SSO scenarios' realm {@value #SSO_NAME}: the same realm under another name, so that the
     * cleanup after the scenarios that create sessions ({@code logout-all} in {@value #NAME}) leaves the SSO
     * scenarios' logged-in sessions alone.
     */
    static void recreateSsoRealm(KeycloakAdminClient admin) {
        ObjectNode realm = realmTree();
        realm.put("realm", SSO_NAME);
        admin.recreateRealm(SSO_NAME, realm.toString());
    }

    /**
     * Both API-key scenarios get tokens, and a replayed signature is refused — proof that the signature is checked
     * and marked as used, not waved through.
     */
    private static void expectApiKeyTokens(KeycloakAdminClient admin) {
        long timestamp = ApiKeyRequests.nextTimestamp();
        String body = ApiKeyRequests.body(timestamp);
        Map<String, String> headers = Map.of(
                "x-authentication-api-key", API_KEY_CLIENT,
                "x-authentication-signature", ApiKeyRequests.signature(API_KEY_SECRET, body),
                "x-multitenant-external-id", API_KEY_TENANT,
                "Content-Type", "application/json");
        KeycloakAdminClient.expectStatus(admin.post(ApiKeyRequests.LOGIN_SESSION_PATH, body, headers), 200,
                "legacy API-key login of " + API_KEY_CLIENT);
        KeycloakAdminClient.expectStatus(admin.post(ApiKeyRequests.LOGIN_SESSION_PATH, body, headers), 401,
                "the same signed API-key login again (a replay: must be refused)");

        long tokenTimestamp = ApiKeyRequests.nextTimestamp();
        KeycloakAdminClient.expectStatus(admin.tokenRequest(NAME, Map.of("grant_type", "client_credentials"), Map.of(
                        "x-authentication-api-key", API_KEY_CLIENT,
                        "x-authentication-signature", ApiKeyRequests.signature(API_KEY_SECRET, ApiKeyRequests.body(tokenTimestamp)),
                        "x-authentication-timestamp", String.valueOf(tokenTimestamp),
                        "x-multitenant-external-id", API_KEY_TENANT)), 200,
                "HMAC API-key client_credentials of " + API_KEY_CLIENT);
    }

    /** Challenge (401 with WWW-Authenticate), then the form with a Digest Authorization: 200 with Authentication-Info. */
    private static void expectDigestToken(KeycloakAdminClient admin, DigestClient.Credentials credentials,
                                          Map<String, String> form, String what) {
        HttpResponse<String> challenge = admin.tokenRequest(NAME, form);
        KeycloakAdminClient.expectStatus(challenge, 401, what + ", first request without Authorization (the challenge)");
        String header = challenge.headers().firstValue(DigestClient.WWW_AUTHENTICATE).orElseThrow(() ->
                new IllegalStateException(what + ": the 401 has no WWW-Authenticate header"));
        String authorization = DigestClient.authorization(DigestClient.parseChallenge(header), credentials,
                admin.tokenRequestTarget(NAME), 1);
        HttpResponse<String> token = admin.tokenRequest(NAME, form, Map.of(DigestClient.AUTHORIZATION, authorization));
        KeycloakAdminClient.expectStatus(token, 200, what + " with a Digest response");
        if (token.headers().firstValue("Authentication-Info").isEmpty()) {
            throw new IllegalStateException(what + ": HTTP 200 without Authentication-Info, so not through Digest");
        }
    }

    private static HttpResponse<String> clientCredentials(KeycloakAdminClient admin, String clientId) {
        return admin.tokenRequest(NAME, Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", CLIENT_SECRET));
    }

    private static ObjectNode realmTree() {
        try {
            return (ObjectNode) JSON.readTree(realmJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String realmJson() {
        try (InputStream in = BenchRealm.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
