package io.authbridge.it.digest.client;

import java.util.List;
import java.util.Map;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.info.FeatureRepresentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * client-http-digest and Keycloak's client secrets: a regenerated secret, and the previous secret during the grace
 * period of the {@code secret-rotation} client-policy executor. HA1 is derived from whatever secret Keycloak holds,
 * so nothing Digest-specific needs updating when a secret changes.
 */
class ClientSecretRotationDigestIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-client.json");

    @Test
    void aRegeneratedSecretReplacesTheOldOneAtOnceWithoutARotationPolicy() {
        ClientResource client = createDigestClient("plain-box", "plain-secret-1");
        assertThat(login("plain-box", "plain-secret-1").status()).isEqualTo(200);

        String newSecret = client.generateNewSecret().getValue();

        Curl.Response old = login("plain-box", "plain-secret-1");
        assertThat(old.status()).as(old.toString()).isEqualTo(401);
        Curl.Response current = login("plain-box", newSecret);
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
    }

    @Test
    void theRotatedSecretIsAcceptedDuringItsGracePeriod() throws Exception {
        assumeTrue(clientSecretRotationEnabled(), "Keycloak's preview feature client-secret-rotation is not enabled on the "
                + "test server (it is a build-time option: kc.sh build --features=client-secret-rotation)");
        realm.admin().clientPoliciesProfilesResource().updateProfiles(TestRealm.JSON.readValue("""
                {"profiles":[{"name":"rotate-device-secrets","executors":[{"executor":"secret-rotation","configuration":{
                  "expiration-period":3600,"rotated-expiration-period":600,"remaining-rotation-period":60}}]}]}
                """, ClientProfilesRepresentation.class));
        realm.admin().clientPoliciesPoliciesResource().updatePolicies(TestRealm.JSON.readValue("""
                {"policies":[{"name":"rotate-device-secrets","enabled":true,
                  "conditions":[{"condition":"any-client","configuration":{}}],"profiles":["rotate-device-secrets"]}]}
                """, ClientPoliciesRepresentation.class));
        try {
            ClientResource client = createDigestClient("rotating-box-2", "rotating-secret-1");
            String newSecret = client.generateNewSecret().getValue();
            assertThat(newSecret).isNotEqualTo("rotating-secret-1");
            assertThat(client.getClientRotatedSecret().getValue()).isEqualTo("rotating-secret-1");

            Curl.Response rotated = login("rotating-box-2", "rotating-secret-1");
            assertThat(rotated.status()).as("old secret in its grace period: " + rotated).isEqualTo(200);
            Curl.Response current = login("rotating-box-2", newSecret);
            assertThat(current.status()).as(current.toString()).isEqualTo(200);

            client.invalidateRotatedSecret();
            Curl.Response afterGrace = login("rotating-box-2", "rotating-secret-1");
            assertThat(afterGrace.status()).as("old secret after the rotation ended: " + afterGrace).isEqualTo(401);
            assertThat(login("rotating-box-2", newSecret).status()).isEqualTo(200);
        } finally {
            realm.admin().clientPoliciesPoliciesResource().updatePolicies(
                    TestRealm.JSON.readValue("{\"policies\":[]}", ClientPoliciesRepresentation.class));
            realm.admin().clientPoliciesProfilesResource().updateProfiles(
                    TestRealm.JSON.readValue("{\"profiles\":[]}", ClientProfilesRepresentation.class));
        }
    }

    private static boolean clientSecretRotationEnabled() {
        List<FeatureRepresentation> features = realm.adminClient().serverInfo().getInfo().getFeatures();
        return features != null && features.stream()
                .anyMatch(f -> "CLIENT_SECRET_ROTATION".equals(f.getName()) && f.isEnabled());
    }

    private static ClientResource createDigestClient(String clientId, String secret) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(clientId);
        rep.setEnabled(true);
        rep.setPublicClient(false);
        rep.setClientAuthenticatorType("client-http-digest");
        rep.setSecret(secret);
        rep.setServiceAccountsEnabled(true);
        rep.setStandardFlowEnabled(false);
        rep.setAttributes(Map.of());
        try (Response created = realm.admin().clients().create(rep)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        return realm.admin().clients().get(realm.admin().clients().findByClientId(clientId).get(0).getId());
    }

    private static Curl.Response login(String clientId, String secret) {
        return Curl.request().digestAuth(clientId, secret).form("grant_type", "client_credentials")
                .post(realm.tokenEndpoint("127.0.0.1"));
    }
}
