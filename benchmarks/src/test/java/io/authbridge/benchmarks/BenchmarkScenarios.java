package io.authbridge.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;

import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The scenarios, run one after another in this order. To add one, append an entry: a name, the request(s)
 * of one iteration, and, to be compared, its baseline and goal. A compared scenario is best placed right after
 * its baseline, so that both are measured under the most similar conditions.
 */
final class BenchmarkScenarios {

    static final String CLIENT_SECRET_BASELINE = "client_credentials (client secret)";
    static final String REFRESH_BASELINE = "client_credentials with refresh token (client secret)";
    static final String PASSWORD_BASELINE = "password grant (default hashing)";

    static final List<BenchmarkScenario> ALL = List.of(
            BenchmarkScenario.of(CLIENT_SECRET_BASELINE,
                    requestName -> clientCredentials(requestName, BenchRealm.SECRET_CLIENT)),
            BenchmarkScenario.of("client_credentials under ip-allowlist",
                            requestName -> clientCredentials(requestName, BenchRealm.IP_ALLOWLISTED_CLIENT))
                    .comparedTo(CLIENT_SECRET_BASELINE, 0.97),
            // Digest client authentication derives HA1 from the client secret and checks the nonce on each request.
            BenchmarkScenario.of("Digest client_credentials",
                            requestName -> DigestRequests.tokenRequest(requestName, BenchRealm.DIGEST_CLIENT,
                                    BenchRealm.digestClientCredentialsForm()))
                    .comparedTo(CLIENT_SECRET_BASELINE, 0.8),
            // HMAC API key at the token endpoint: a signature check and a single-use mark per request.
            BenchmarkScenario.of("HMAC API-key client_credentials",
                            requestName -> ApiKeyRequests.clientCredentials(requestName, BenchRealm.API_KEY_CLIENT,
                                    BenchRealm.API_KEY_SECRET, BenchRealm.API_KEY_TENANT))
                    .comparedTo(CLIENT_SECRET_BASELINE, 0.9),
            // The legacy endpoint always answers with a refresh token (its wire contract), so each call also keeps
            // a user session; its baseline is the same work with a client secret: client_credentials with a refresh
            // token.
            BenchmarkScenario.of(REFRESH_BASELINE,
                            requestName -> clientCredentials(requestName, BenchRealm.SECRET_REFRESH_CLIENT))
                    .withUserSessions(),
            BenchmarkScenario.of("HMAC API-key legacy login/session",
                            requestName -> ApiKeyRequests.legacyLogin(requestName, BenchRealm.API_KEY_CLIENT,
                                    BenchRealm.API_KEY_SECRET, BenchRealm.API_KEY_TENANT))
                    .comparedTo(REFRESH_BASELINE, 0.9)
                    .withUserSessions(),
            BenchmarkScenario.of(PASSWORD_BASELINE, BenchmarkScenarios::passwordGrant)
                    .withUserSessions(),
            // Digest checks the stored HA1 instead of hashing the password with Keycloak's slow password hashing.
            BenchmarkScenario.of("Digest direct-grant login",
                            requestName -> DigestRequests.tokenRequest(requestName, BenchRealm.DIGEST_USER,
                                    BenchRealm.digestLoginForm()))
                    .comparedTo(PASSWORD_BASELINE, 10)
                    .withUserSessions());

    private BenchmarkScenarios() {
    }

    private static ChainBuilder clientCredentials(String requestName, String clientId) {
        return exec(http(requestName).post(BenchRealm.TOKEN_PATH)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", BenchRealm.CLIENT_SECRET)
                .check(status().is(200), jsonPath("$.access_token").exists()));
    }

    private static ChainBuilder passwordGrant(String requestName) {
        return exec(http(requestName).post(BenchRealm.TOKEN_PATH)
                .formParam("grant_type", "password")
                .formParam("client_id", BenchRealm.PASSWORD_CLIENT)
                .formParam("username", BenchRealm.USERNAME)
                .formParam("password", BenchRealm.PASSWORD)
                .check(status().is(200), jsonPath("$.access_token").exists()));
    }
}
