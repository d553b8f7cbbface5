package io.authbridge.it.ippolicy;

import java.util.List;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.KeycloakDistribution;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a reverse proxy: a second server started with {@code --proxy-headers=xforwarded} and
 * {@code --proxy-trusted-addresses=127.0.0.3}. The forwarded address counts only when the request comes from the
 * trusted proxy; from anywhere else Keycloak keeps the connection's address and the allow-list judges that.
 */
class ProxyHeadersIT {

    private static KeycloakDistribution server;
    private static Keycloak admin;
    private static String tokenEndpoint;

    @BeforeAll
    static void startServerBehindTrustedProxy() {
        server = KeycloakDistribution.start("keycloak-behind-proxy",
                List.of("--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.3"));
        admin = Keycloak.getInstance(server.baseUrl(), "master", KeycloakDistribution.ADMIN_USER,
                KeycloakDistribution.ADMIN_PASSWORD, "admin-cli");
        RealmRepresentation realm = TestRealm.read("/realms/ip-config.json", RealmRepresentation.class);
        admin.realms().create(realm);
        tokenEndpoint = server.baseUrl() + "/realms/" + realm.getRealm() + "/protocol/openid-connect/token";
    }

    @AfterAll
    static void stopServer() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void forwardedAddressFromTheTrustedProxyIsTheClientAddress() {
        // bss allows 127.0.0.1 only; the proxy itself (127.0.0.3) is not allowed
        assertThat(clientCredentials("127.0.0.3", "127.0.0.1").status()).isEqualTo(200);

        Curl.Response outside = clientCredentials("127.0.0.3", "127.0.0.9");
        assertThat(outside.status()).as(outside.toString()).isEqualTo(403);
        assertThat(outside.json().path("error_description").asText()).contains("127.0.0.9");
    }

    @Test
    void forwardedHeaderFromAnUntrustedAddressIsIgnored() {
        Curl.Response spoofed = clientCredentials("127.0.0.4", "127.0.0.1");

        assertThat(spoofed.status()).as(spoofed.toString()).isEqualTo(403);
        assertThat(spoofed.json().path("error_description").asText()).contains("127.0.0.4");
    }

    private static Curl.Response clientCredentials(String from, String forwardedFor) {
        return Curl.from(from).header("X-Forwarded-For", forwardedFor)
                .form("grant_type", "client_credentials").form("client_id", "bss").form("client_secret", "bss-secret")
                .post(tokenEndpoint);
    }
}
