package io.authbridge.it.ippolicy;

import java.util.Map;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an admin saves through the admin REST API (which the admin console uses): invalid entries are refused
 * with a 400 naming the entry and change nothing; valid changes apply to the next request, without a restart.
 * Realm: {@code realms/ip-config.json} (client bss: attribute 127.0.0.1, profile range 10.0.0.0/8).
 */
class IpAllowListConfigurationIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/ip-config.json");

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "300.1.1.1", "foo", "", "::1/129", "10.0.0.0/8/8"})
    void invalidProfileEntryIsRefusedNamingItAndNothingChanges(String entry) throws Exception {
        ClientProfilesRepresentation before = realm.admin().clientPoliciesProfilesResource().getProfiles(false);

        ClientProfilesRepresentation proposed = profilesWithRanges("\"192.0.2.1\", " + TestRealm.JSON.writeValueAsString(entry));
        assertThatThrownBy(() -> realm.admin().clientPoliciesProfilesResource().updateProfiles(proposed))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(body(e.getResponse()))
                        .contains(entry.isEmpty() ? "empty" : "'" + entry + "'"));

        assertThat(realm.admin().clientPoliciesProfilesResource().getProfiles(false)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "300.1.1.1", "foo", ""})
    void invalidConditionEntryIsRefusedNamingIt(String entry) throws Exception {
        ClientPoliciesRepresentation before = realm.admin().clientPoliciesPoliciesResource().getPolicies(false);
        ClientPoliciesRepresentation proposed = TestRealm.JSON.readValue("""
                {"policies": [{"name": "outside", "enabled": true,
                  "conditions": [{"condition": "client-ip", "configuration": {"ranges": [%s], "is-negative-logic": true}}],
                  "profiles": ["bss-profile"]}]}
                """.formatted(TestRealm.JSON.writeValueAsString(entry)), ClientPoliciesRepresentation.class);

        // Refused on every line: by Keycloak from 26.4, by ClientPolicySettingsFilter on 26.0 and 26.2.
        assertThatThrownBy(() -> realm.admin().clientPoliciesPoliciesResource().updatePolicies(proposed))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(body(e.getResponse()))
                        .contains(entry.isEmpty() ? "empty" : "'" + entry + "'"));

        assertThat(realm.admin().clientPoliciesPoliciesResource().getPolicies(false)).isEqualTo(before);
    }

    @Test
    void invalidClientAttributeIsRefusedOnUpdateNamingItAndNothingChanges() {
        ClientResource bss = client("bss");
        ClientRepresentation proposed = bss.toRepresentation();
        String before = proposed.getAttributes().get("authbridge.ip-allowlist");
        proposed.getAttributes().put("authbridge.ip-allowlist", "127.0.0.1, 300.1.1.1");

        assertThatThrownBy(() -> bss.update(proposed))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(body(e.getResponse())).contains("'300.1.1.1'"));

        assertThat(bss.toRepresentation().getAttributes()).containsEntry("authbridge.ip-allowlist", before);
    }

    @Test
    void invalidClientAttributeIsRefusedOnCreate() {
        ClientRepresentation proposed = new ClientRepresentation();
        proposed.setClientId("refused-client");
        proposed.setAttributes(Map.of("authbridge.ip-allowlist", "10.0.0.0/8,,10.1.0.0/16"));

        try (Response response = realm.admin().clients().create(proposed)) {
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.readEntity(String.class)).contains("empty");
        }
        assertThat(realm.admin().clients().findByClientId("refused-client")).isEmpty();
    }

    @Test
    void savedChangesApplyToTheNextRequestWithoutRestart() throws Exception {
        assertThat(clientCredentialsFrom("127.0.0.6").status()).isEqualTo(403);

        realm.admin().clientPoliciesProfilesResource().updateProfiles(profilesWithRanges("\"10.0.0.0/8\", \"127.0.0.6\""));
        assertThat(clientCredentialsFrom("127.0.0.6").status()).isEqualTo(200);

        ClientResource bss = client("bss");
        ClientRepresentation rep = bss.toRepresentation();
        rep.getAttributes().put("authbridge.ip-allowlist", "127.0.0.7");
        bss.update(rep);
        assertThat(clientCredentialsFrom("127.0.0.7").status()).isEqualTo(200);
        assertThat(clientCredentialsFrom("127.0.0.1").status()).isEqualTo(403);

        realm.admin().clientPoliciesProfilesResource().updateProfiles(profilesWithRanges("\"10.0.0.0/8\""));
        assertThat(clientCredentialsFrom("127.0.0.6").status()).isEqualTo(403);
    }

    private static ClientProfilesRepresentation profilesWithRanges(String rangesJson) throws Exception {
        return TestRealm.JSON.readValue("""
                {"profiles": [{"name": "bss-profile",
                  "executors": [{"executor": "ip-allowlist", "configuration": {"allowed-ranges": [%s]}}]}]}
                """.formatted(rangesJson), ClientProfilesRepresentation.class);
    }

    private static Curl.Response clientCredentialsFrom(String from) {
        return Curl.from(from).form("grant_type", "client_credentials").form("client_id", "bss")
                .form("client_secret", "bss-secret").post(realm.tokenEndpoint("127.0.0.1"));
    }

    private static ClientResource client(String clientId) {
        return realm.admin().clients().get(realm.admin().clients().findByClientId(clientId).get(0).getId());
    }

    private static String body(Response response) {
        return response.readEntity(String.class);
    }
}
