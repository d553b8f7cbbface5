package io.authbridge.it.hmac;

import java.util.List;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.OpenSsl;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;

import static io.authbridge.it.hmac.ApiKeyLoginEndpointIT.assertError;
import static io.authbridge.it.hmac.ApiKeyLoginEndpointIT.claims;
import static io.authbridge.it.hmac.PartnerCalls.freshTimestamp;
import static io.authbridge.it.hmac.PartnerCalls.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client-hmac-signature} at Keycloak's standard token endpoint: client_credentials, refresh and introspection
 * authenticated with the legacy headers, strict signing, and the lockout after repeated wrong signatures.
 */
class ClientHmacSignatureIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/api-key.json");

    private final PartnerCalls partner = new PartnerCalls(realm);

    @Test
    void clientCredentialsWithTheLegacySignatureInEitherForm() {
        Curl.Response quoted = partner.clientCredentials("partner-admin", "partner-secret-1", "acme");
        assertThat(quoted.status()).as(quoted.toString()).isEqualTo(200);
        assertThat(claims(quoted.json().path("access_token").asText()).path("tenant").asText()).isEqualTo("acme");
        assertThat(quoted.json().path("refresh_token").asText()).isNotEmpty();

        long timestamp = freshTimestamp();
        Curl.Response bare = partner.tokenRequest("partner-admin", sign("partner-secret-1", "{\"timestamp\":" + timestamp + "}"),
                "globex", timestamp, "grant_type", "client_credentials");
        assertThat(bare.status()).as(bare.toString()).isEqualTo(200);
        assertThat(claims(bare.json().path("access_token").asText()).path("tenant").asText()).isEqualTo("globex");
    }

    @Test
    void refreshAndIntrospectionAreSignedToo() {
        Curl.Response login = partner.clientCredentials("partner-admin", "partner-secret-1", "acme");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);

        // The refresh names another allowed tenant: verified, but the session keeps the tenant it was opened for.
        Curl.Response refreshed = partner.signedTokenRequest(realm.tokenEndpoint("127.0.0.1"), "partner-admin", "partner-secret-1",
                "globex", "grant_type", "refresh_token", "refresh_token", login.json().path("refresh_token").asText());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(claims(refreshed.json().path("access_token").asText()).path("tenant").asText()).isEqualTo("acme");

        Curl.Response introspection = partner.signedTokenRequest(realm.tokenEndpoint("127.0.0.1") + "/introspect", "partner-admin",
                "partner-secret-1", "acme", "token", refreshed.json().path("access_token").asText());
        assertThat(introspection.status()).as(introspection.toString()).isEqualTo(200);
        assertThat(introspection.json().path("active").asBoolean()).as(introspection.toString()).isTrue();
        assertThat(introspection.json().path("tenant").asText()).isEqualTo("acme");

        Curl.Response badlySignedRefresh = partner.tokenRequest("partner-admin", sign("wrong", "{\"timestamp\":1}"), "acme",
                freshTimestamp(), "grant_type", "refresh_token", "refresh_token", refreshed.json().path("refresh_token").asText());
        assertError(badlySignedRefresh, 401, "invalid_client");
    }

    @Test
    void anApiKeyClientCannotGetTokensWithItsSecretAlone() {
        Curl.Response basic = Curl.from("127.0.0.1").basicAuth("partner-admin", "partner-secret-1")
                .form("grant_type", "client_credentials").post(realm.tokenEndpoint("127.0.0.1"));
        assertError(basic, 401, "invalid_client");
        Curl.Response form = Curl.from("127.0.0.1").form("client_id", "partner-admin").form("client_secret", "partner-secret-1")
                .form("grant_type", "client_credentials").post(realm.tokenEndpoint("127.0.0.1"));
        assertError(form, 401, "invalid_client");
    }

    @Test
    void otherClientsAreUnaffected() {
        Curl.Response backend = Curl.from("127.0.0.1").basicAuth("backend", "backend-secret")
                .form("grant_type", "client_credentials").post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(backend.status()).as(backend.toString()).isEqualTo(200);
        Curl.Response backendSignedWithItsSecret = partner.clientCredentials("backend", "backend-secret", null);
        assertError(backendSignedWithItsSecret, 401, "invalid_client");
    }

    @Test
    void theTokenEndpointRefusesWhatTheLegacyEndpointRefuses() {
        assertError(partner.clientCredentials("partner-admin", "partner-secret-1", null), 400, "invalid_request");
        assertError(partner.clientCredentials("partner-admin", "partner-secret-1", "initech"), 403, "access_denied");
        assertError(partner.clientCredentials("partner-retired", "retired-secret", null), 401, "invalid_client");

        long stale = System.currentTimeMillis() - 31 * 60_000;
        assertError(partner.tokenRequest("partner-admin", sign("partner-secret-1", "{\"timestamp\":" + stale + "}"), "acme", stale,
                "grant_type", "client_credentials"), 401, "invalid_client");

        long timestamp = freshTimestamp();
        String signature = sign("partner-secret-1", "{\"timestamp\":" + timestamp + "}");
        assertThat(partner.tokenRequest("partner-admin", signature, "acme", timestamp, "grant_type", "client_credentials").status())
                .isEqualTo(200);
        assertError(partner.tokenRequest("partner-admin", signature, "acme", timestamp, "grant_type", "client_credentials"),
                401, "invalid_client");
        // One signature, one use, across both endpoints.
        assertError(partner.legacyLogin("partner-admin", signature, "acme", "{\"timestamp\":" + timestamp + "}"), 401, "invalid_client");
    }

    @Test
    void strictSigningCoversMethodPathTenantAndBody() {
        String path = "/realms/" + realm.name() + "/api-key/login/session";
        long timestamp = freshTimestamp();
        String body = "{\"timestamp\":" + timestamp + "}";
        String canonical = "AUTHBRIDGE-HMAC-SHA256\n" + timestamp + "\nPOST\n" + path + "\nacme\n" + OpenSsl.sha256Hex(body);
        Curl.Response strict = partner.legacyLogin("partner-strict", sign("strict-secret", canonical), "acme", body);
        assertThat(strict.status()).as(strict.toString()).isEqualTo(200);

        long t2 = freshTimestamp();
        String body2 = "{\"timestamp\":" + t2 + "}";
        String signedForAcme = sign("strict-secret", "AUTHBRIDGE-HMAC-SHA256\n" + t2 + "\nPOST\n" + path + "\nacme\n" + OpenSsl.sha256Hex(body2));
        assertError(partner.legacyLogin("partner-strict", signedForAcme, "beta", body2), 401, "invalid_client");
        assertError(partner.legacyLogin("partner-strict", sign("strict-secret", body2), "acme", body2), 401, "invalid_client");

        long t3 = freshTimestamp();
        String tokenPath = "/realms/" + realm.name() + "/protocol/openid-connect/token";
        String form = "grant_type=client_credentials";
        String tokenCanonical = "AUTHBRIDGE-HMAC-SHA256\n" + t3 + "\nPOST\n" + tokenPath + "\nbeta\n" + OpenSsl.sha256Hex(form);
        Curl.Response token = partner.tokenRequest("partner-strict", sign("strict-secret", tokenCanonical), "beta", t3,
                "grant_type", "client_credentials");
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(claims(token.json().path("access_token").asText()).path("tenant").asText()).isEqualTo("beta");

        long t4 = freshTimestamp();
        String otherPath = "AUTHBRIDGE-HMAC-SHA256\n" + t4 + "\nPOST\n" + path + "\nbeta\n" + OpenSsl.sha256Hex(form);
        assertError(partner.tokenRequest("partner-strict", sign("strict-secret", otherPath), "beta", t4,
                "grant_type", "client_credentials"), 401, "invalid_client");
    }

    @Test
    void repeatedWrongSignaturesLockTheKeyForAWhile() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            assertError(partner.clientCredentials("partner-lockout", "guess-" + i, null), 401, "invalid_client");
        }
        Curl.Response locked = partner.clientCredentials("partner-lockout", "lockout-secret", null);
        assertError(locked, 401, "invalid_client");
        assertThat(locked.json().path("error_description").asText()).contains("Too many wrong signatures");
        Curl.Response lockedLegacy = partner.legacyLogin("partner-lockout", "lockout-secret", null);
        assertError(lockedLegacy, 401, "invalid_client");

        assertThat(partner.clientCredentials("partner-solo", "solo-secret", null).status())
                .as("other keys are not affected").isEqualTo(200);

        List<EventRepresentation> errors = List.of();
        for (int i = 0; i < 50 && errors.stream().noneMatch(e -> String.valueOf(e.getDetails()).contains("locked")); i++) {
            errors = realm.admin().getEvents(List.of("CLIENT_LOGIN_ERROR"), "partner-lockout", null, null, null, null, 0, 100);
            Thread.sleep(100);
        }
        assertThat(errors).anySatisfy(e -> assertThat(e.getDetails().get("reason")).contains("locked"));
    }
}
