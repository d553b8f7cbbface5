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
    /** The start of the SSO scenarios' names: they take their cookies from {@link SsoSessionPool}. */
    static final String SSO_PREFIX = "SSO cookie to tokens: ";
    static final String PROMPT_NONE_BASELINE = SSO_PREFIX + "prompt=none + PKCE + code exchange";
    static final String DIGEST_CLIENT_CREDENTIALS = "Digest client_credentials";
    static final String HMAC_CLIENT_CREDENTIALS = "HMAC API-key client_credentials";
    static final String COOKIE_EXCHANGE = SSO_PREFIX + "cookie exchange";
    static final String SIGNED_JWT_REFERENCE = "client_credentials (client_secret_jwt, single-use jti)";

    static final List<BenchmarkScenario> ALL = List.of(
            BenchmarkScenario.of(CLIENT_SECRET_BASELINE,
                    requestName -> clientCredentials(requestName, BenchRealm.SECRET_CLIENT)),
            BenchmarkScenario.of("client_credentials under ip-allowlist",
                            requestName -> clientCredentials(requestName, BenchRealm.IP_ALLOWLISTED_CLIENT))
                    .comparedTo(CLIENT_SECRET_BASELINE, 0.97),
            // Digest client authentication derives HA1 from the client secret and checks the nonce on each request.
            BenchmarkScenario.of(DIGEST_CLIENT_CREDENTIALS,
                            requestName -> DigestRequests.tokenRequest(requestName, BenchRealm.DIGEST_CLIENT,
                                    BenchRealm.digestClientCredentialsForm()))
                    .comparedTo(CLIENT_SECRET_BASELINE, 0.8)
                    .withReference(SIGNED_JWT_REFERENCE),
            // HMAC API key at the token endpoint: a signature check and a single-use mark per request.
            BenchmarkScenario.of(HMAC_CLIENT_CREDENTIALS,
                            requestName -> ApiKeyRequests.clientCredentials(requestName, BenchRealm.API_KEY_CLIENT,
                                    BenchRealm.API_KEY_SECRET, BenchRealm.API_KEY_TENANT))
                    .comparedTo(CLIENT_SECRET_BASELINE, 0.9)
                    .withReference(SIGNED_JWT_REFERENCE),
            // Keycloak's own client authentication with a single-use mark per request (the assertion's jti): what
            // one write to the single-use store costs Keycloak itself, beside the two schemes that make one too.
            BenchmarkScenario.of(SIGNED_JWT_REFERENCE,
                            requestName -> SignedJwtRequests.clientCredentials(requestName, BenchRealm.SECRET_JWT_CLIENT,
                                    BenchRealm.CLIENT_SECRET, BenchRealm.issuer()))
                    .comparedWithoutGoal(CLIENT_SECRET_BASELINE),
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
            // The standard way a single-page app turns its SSO session into tokens (two requests, one transaction)
            // against AuthBridge's cookie exchange (one request).
            BenchmarkScenario.of(PROMPT_NONE_BASELINE, SsoCookieRequests::promptNoneWithPkce),
            BenchmarkScenario.of(COOKIE_EXCHANGE, SsoCookieRequests::cookieExchange)
                    .comparedTo(PROMPT_NONE_BASELINE, 2)
                    .withMaxMedianRatio(0.5),
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

    /** The suffix of a scenario's name when its load is spread over both nodes of a cluster. */
    static final String ON_BOTH_NODES = " — 2 nodes, round-robin";

    /**
     * The goal of every compared scenario on two nodes: at least this fraction of its baseline's requests/s, both
     * spread over the same two nodes in the same run. It bounds what the cluster-wide state AuthBridge keeps (used
     * nonce counts and signatures: a synchronous write to the other node) costs beyond what Keycloak's own grant
     * costs there; the one-node goals say how each scheme compares otherwise.
     */
    static final double CLUSTER_MIN_RATIO = 0.9;

    /**
     * With a second node ({@code -DsecondNode=http://localhost:8082}) every scenario, baselines included, spreads its
     * virtual users over both nodes and is compared to its baseline run the same way, with {@link #CLUSTER_MIN_RATIO}
     * as its goal. Both nodes share this machine's cores, so this shows what clustering costs, not how it scales.
     */
    static List<BenchmarkScenario> onBothNodes(List<BenchmarkScenario> scenarios) {
        return scenarios.stream().map(scenario -> {
            BenchmarkScenario spread = BenchmarkScenario.of(scenario.name() + ON_BOTH_NODES, scenario.iteration());
            if (scenario.baseline() != null) {
                spread = scenario.minThroughputRatio() == null
                        ? spread.comparedWithoutGoal(scenario.baseline() + ON_BOTH_NODES)
                        : spread.comparedTo(scenario.baseline() + ON_BOTH_NODES, CLUSTER_MIN_RATIO);
            }
            if (scenario.reference() != null) {
                spread = spread.withReference(scenario.reference() + ON_BOTH_NODES);
            }
            return scenario.createsUserSessions() ? spread.withUserSessions() : spread;
        }).toList();
    }

    /**
     * The scenarios to run: all of them, or — with {@code -Dscenarios=<part of a name>[,…]} — those whose name
     * contains one of the parts, together with their baselines (a ratio needs its baseline in the same run).
     */
    static List<BenchmarkScenario> selected() {
        // Quotes may survive the shell and the Maven wrapper: -Dscenarios="SSO cookie"
        String filter = System.getProperty("scenarios", "").replace("\"", "").trim();
        if (filter.isEmpty()) {
            return ALL;
        }
        List<String> parts = java.util.Arrays.stream(filter.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (BenchmarkScenario scenario : ALL) {
            if (parts.stream().anyMatch(scenario.name()::contains)) {
                names.add(scenario.name());
                if (scenario.baseline() != null) {
                    names.add(scenario.baseline());
                }
                if (scenario.reference() != null) {
                    names.add(scenario.reference());
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("-Dscenarios=" + filter + " matches no scenario");
        }
        return ALL.stream().filter(scenario -> names.contains(scenario.name())).toList();
    }

    /** The scenario of that name in {@link #ALL}. */
    static BenchmarkScenario named(String name) {
        return ALL.stream().filter(scenario -> scenario.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No scenario named '" + name + "'"));
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
