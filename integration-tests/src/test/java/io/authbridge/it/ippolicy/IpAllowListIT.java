package io.authbridge.it.ippolicy;

import java.util.List;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ip-allowlist executor and the client-ip condition on a real server. Every loopback address is a distinct
 * client address to Keycloak, so curl's {@code --interface 127.0.0.2} is "a request from elsewhere".
 * Realm: {@code realms/ip-allowlist.json} (profile range 127.0.0.8/29 plus each client's attribute).
 */
class IpAllowListIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/ip-allowlist.json");

    @Test
    void allowedAddressObtainsServiceAccountToken() {
        Curl.Response response = clientCredentials("127.0.0.1", "bss");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("access_token").asText()).isNotEmpty();
    }

    @Test
    void otherAddressIsRefusedWith403AndAnErrorEventRecordingIt() {
        Curl.Response response = clientCredentials("127.0.0.2", "bss");

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.json().path("error").asText()).isEqualTo("access_denied");
        assertThat(response.json().path("error_description").asText()).contains("127.0.0.2");
        assertThat(response.body()).doesNotContain("bss-secret");

        List<EventRepresentation> events = realm.admin().getEvents(List.of("CLIENT_LOGIN_ERROR"), "bss", null, null, null,
                "127.0.0.2", 0, 10);
        assertThat(events).as("CLIENT_LOGIN_ERROR events from 127.0.0.2").isNotEmpty();
        assertThat(events.get(0).getError()).isEqualTo("access_denied");
        assertThat(events.get(0).getIpAddress()).isEqualTo("127.0.0.2");
        assertThat(events.get(0).getDetails()).containsEntry("authbridge_check", "ip-allowlist")
                .containsEntry("client_policy_error_detail", "Requests from 127.0.0.2 are not allowed for this client");
    }

    @Test
    void profileRangeAdmitsAddressesInsideItOnly() {
        assertThat(clientCredentials("127.0.0.9", "bss-range").status()).isEqualTo(200);
        assertThat(clientCredentials("127.0.0.15", "bss-range").status()).isEqualTo(200);
        assertThat(clientCredentials("127.0.0.16", "bss-range").status()).isEqualTo(403);
        assertThat(clientCredentials("127.0.0.1", "bss-range").status()).isEqualTo(403);
        // the profile's range applies to clients with their own attribute as well
        assertThat(clientCredentials("127.0.0.10", "bss").status()).isEqualTo(200);
    }

    @Test
    void ipv6LoopbackIsAnAddressOfItsOwn() {
        assertThat(clientCredentials("::1", "bss").status()).isEqualTo(200);
        Curl.Response refused = clientCredentials("::1", "bss-v4only");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().path("error_description").asText()).contains("0:0:0:0:0:0:0:1");
    }

    @Test
    void ipv4MappedEntryMatchesTheIpv4Client() {
        assertThat(clientCredentials("127.0.0.1", "bss-mapped").status()).isEqualTo(200);
        assertThat(clientCredentials("127.0.0.2", "bss-mapped").status()).isEqualTo(403);
        assertThat(clientCredentials("::1", "bss-mapped").status()).isEqualTo(403);
    }

    @Test
    void refreshIsAllowedOnlyFromAllowedAddresses() {
        String refreshToken = clientCredentials("127.0.0.1", "bss").json().path("refresh_token").asText();
        assertThat(refreshToken).as("client_credentials.use_refresh_token is on for bss").isNotEmpty();

        Curl.Response refused = refresh("127.0.0.2", "bss", refreshToken);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("access_denied");
        assertThat(realm.admin().getEvents(List.of("REFRESH_TOKEN_ERROR"), "bss", null, null, null, "127.0.0.2", 0, 10))
                .isNotEmpty();

        Curl.Response refreshed = refresh("127.0.0.1", "bss", refreshToken);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
    }

    @Test
    void introspectionIsAllowedOnlyFromAllowedAddresses() {
        String accessToken = clientCredentials("127.0.0.1", "bss").json().path("access_token").asText();

        Curl.Response refused = introspect("127.0.0.2", "bss", accessToken);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).isEqualTo("access_denied");

        Curl.Response introspected = introspect("127.0.0.1", "bss", accessToken);
        assertThat(introspected.status()).as(introspected.toString()).isEqualTo(200);
        assertThat(introspected.json().path("active").asBoolean()).isTrue();
    }

    @Test
    void revocationIsAllowedOnlyFromAllowedAddresses() {
        String refreshToken = clientCredentials("127.0.0.1", "bss").json().path("refresh_token").asText();
        String revokeEndpoint = realm.url("127.0.0.1") + "/protocol/openid-connect/revoke";

        Curl.Response refused = Curl.from("127.0.0.2").basicAuth("bss", "bss-secret")
                .form("token", refreshToken).post(revokeEndpoint);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        // not revoked by the refused call
        assertThat(refresh("127.0.0.1", "bss", refreshToken).status()).isEqualTo(200);

        Curl.Response revoked = Curl.from("127.0.0.1").basicAuth("bss", "bss-secret")
                .form("token", refreshToken).post(revokeEndpoint);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
    }

    @Test
    void authorizationRequestFromOutsideIsSentBackWithAccessDenied() {
        String authorize = realm.url("127.0.0.1") + "/protocol/openid-connect/auth?response_type=code&client_id=web-portal"
                + "&scope=openid&state=s1&redirect_uri=http%3A%2F%2Fapp.test%2Fcallback";

        Curl.Response refused = Curl.from("127.0.0.2").get(authorize);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(302);
        assertThat(refused.redirectUrl()).startsWith("http://app.test/callback").contains("error=access_denied")
                .contains("state=s1");

        Curl.Response loginPage = Curl.from("127.0.0.1").get(authorize);
        assertThat(loginPage.status()).as(loginPage.toString()).isEqualTo(200);
        assertThat(loginPage.body()).contains("kc-form-login");
    }

    @Test
    void clientsOutsideThePolicyAreUnaffected() {
        assertThat(clientCredentials("127.0.0.2", "unrestricted").status()).isEqualTo(200);
    }

    @Test
    void forgedForwardingHeadersFromADisallowedAddressAreIgnored() {
        // Default server settings (no proxy-headers option): Keycloak ignores these headers, and so do we.
        Curl.Response response = Curl.from("127.0.0.2")
                .header("X-Forwarded-For", "127.0.0.1")
                .header("X-Real-IP", "127.0.0.1")
                .header("Forwarded", "for=127.0.0.1")
                .form("grant_type", "client_credentials").form("client_id", "bss").form("client_secret", "bss-secret")
                .post(realm.tokenEndpoint("127.0.0.1"));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.json().path("error_description").asText()).contains("127.0.0.2");
    }

    @Test
    void clientIpConditionWithNegativeLogicAppliesAProfileOutsideTheListedRanges() {
        // corp-only-outside-corp-network: clients with role corp-only, requests from outside 127.0.0.0/30 -> deny-all
        assertThat(clientCredentials("127.0.0.1", "corp-app").status()).isEqualTo(200);
        assertThat(clientCredentials("127.0.0.3", "corp-app").status()).isEqualTo(200);
        Curl.Response outside = clientCredentials("127.0.0.5", "corp-app");
        assertThat(outside.status()).as(outside.toString()).isEqualTo(403);
    }

    static Curl.Response clientCredentials(String from, String clientId) {
        return Curl.from(from)
                .form("grant_type", "client_credentials")
                .form("client_id", clientId)
                .form("client_secret", clientId + "-secret")
                .post(realm.tokenEndpoint(serverHostFor(from)));
    }

    private static Curl.Response refresh(String from, String clientId, String refreshToken) {
        return Curl.from(from)
                .form("grant_type", "refresh_token")
                .form("refresh_token", refreshToken)
                .form("client_id", clientId)
                .form("client_secret", clientId + "-secret")
                .post(realm.tokenEndpoint(serverHostFor(from)));
    }

    private static Curl.Response introspect(String from, String clientId, String token) {
        return Curl.from(from)
                .basicAuth(clientId, clientId + "-secret")
                .form("token", token)
                .post(realm.url(serverHostFor(from)) + "/protocol/openid-connect/token/introspect");
    }

    /** An IPv6 source needs an IPv6 destination. */
    private static String serverHostFor(String from) {
        return from.contains(":") ? "::1" : "127.0.0.1";
    }

}
