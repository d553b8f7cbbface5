package io.authbridge.it.cluster;


import io.authbridge.it.exchange.SsoLogin;
import io.authbridge.it.harness.ClusterRealm;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.Jwt;
import io.authbridge.it.harness.OpenSsl;
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

    private static final String APP_ORIGIN = "http://app.example";

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
