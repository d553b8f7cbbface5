package io.authbridge.it.hmac;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that reach Keycloak past the admin console's check — a realm import — and cannot work: each AuthBridge
 * step answers a clear 503 {@code temporarily_unavailable} instead of running on defaults, only for the requests it
 * owns, and the server logs which execution to fix. Realm {@code realms/misconfigured.json}: 1,000 allowed wrong
 * API-key signatures (the limit is 100) and a Digest nonce lifetime of "abc".
 */
class ImportedInvalidSettingsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/misconfigured.json");

    @Test
    void apiKeysAreUnavailableAtBothEndpoints() {
        PartnerCalls partner = new PartnerCalls(realm);

        partner.legacyLogin("partner-admin", "partner-secret-1", "acme")
                .assertError(503, "temporarily_unavailable");
        partner.clientCredentials("partner-admin", "partner-secret-1", "acme")
                .assertError(503, "temporarily_unavailable");
        assertThat(realm.server().logTail(200))
                .contains("The client-hmac-signature execution in realm " + realm.name() + " has invalid settings");
    }

    @Test
    void digestLoginIsUnavailableAndSaysSoWithoutAChallenge() {
        Curl.Response login = Curl.from("127.0.0.1").digestAuth("alice", "s3cret")
                .form("grant_type", "password").form("client_id", "tv-app").post(realm.tokenEndpoint("127.0.0.1"));

        login.assertError(503, "temporarily_unavailable");
        assertThat(login.json().path("error_description").asText()).isEqualTo("HTTP Digest login is not available");
        assertThat(realm.server().logTail(200)).contains("has invalid settings (Nonce lifetime (seconds)");
    }
}
