package io.authbridge.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The dedicated realm the benchmark recreates on every run, from {@value #REALM_RESOURCE}. */
final class BenchRealm {

    static final String NAME = "authbridge-bench";
    static final String TOKEN_PATH = "/realms/" + NAME + "/protocol/openid-connect/token";

    static final String SECRET_CLIENT = "bench-secret";
    static final String IP_ALLOWLISTED_CLIENT = "bench-ip-allowlisted";
    /** Under the same client policy as {@link #IP_ALLOWLISTED_CLIENT}, but loopback is not on its allow-list. */
    static final String IP_DENIED_CLIENT = "bench-ip-denied";
    static final String CLIENT_SECRET = "bench-secret-secret";

    static final String PASSWORD_CLIENT = "bench-password";
    static final String USERNAME = "bench-user";
    static final String PASSWORD = "bench-password";

    private static final String REALM_RESOURCE = "/authbridge-bench-realm.json";

    private BenchRealm() {
    }

    /**
     * Deletes and re-imports the realm, then checks that the ip-allowlist client policy is really enforced:
     * the allow-listed client gets a token and the control client is refused. Without that check a policy
     * that silently matched nothing would make the ip-allowlist scenario measure the plain baseline.
     */
    static void recreate(KeycloakAdminClient admin) {
        admin.recreateRealm(NAME, realmJson());
        KeycloakAdminClient.expectStatus(clientCredentials(admin, IP_ALLOWLISTED_CLIENT), 200,
                "client_credentials for " + IP_ALLOWLISTED_CLIENT + " from loopback (allow-listed)");
        KeycloakAdminClient.expectStatus(clientCredentials(admin, IP_DENIED_CLIENT), 403,
                "client_credentials for " + IP_DENIED_CLIENT + " from loopback (not allow-listed: the executor must refuse)");
    }

    private static HttpResponse<String> clientCredentials(KeycloakAdminClient admin, String clientId) {
        return admin.tokenRequest(NAME, Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", CLIENT_SECRET));
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
