package io.authbridge.it.digest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings of AuthBridge's steps are checked when the admin saves them, through the same admin REST calls the admin
 * console makes (here with Keycloak's own admin client): what cannot work is refused with a message for the console
 * and nothing is stored. And the admin's Digest-password call makes HA1s for the realm's own Digest settings.
 * Realm {@code realms/digest-flows.json} (digest realm "AminoTV" on every http-digest step).
 */
class StepSettingsValidationIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-flows.json");

    @Test
    void aNonNumericNonceLifetimeIsRefusedAndNothingIsStored() {
        AuthenticatorConfigRepresentation stored = digestConfig("digest only");
        AuthenticatorConfigRepresentation edited = copy(stored, Map.of("digest.nonce-lifetime-seconds", "abc"));

        assertRefused(() -> realm.admin().flows().updateAuthenticatorConfig(stored.getId(), edited),
                "Nonce lifetime (seconds): a whole number from 10 to 86400");
        assertThat(realm.admin().flows().getAuthenticatorConfig(stored.getId()).getConfig())
                .containsEntry("digest.nonce-lifetime-seconds", "300");
    }

    @Test
    void eachDigestSettingIsCheckedAtItsLimits() {
        AuthenticatorConfigRepresentation stored = digestConfig("digest only");
        for (Map.Entry<String, String> refused : List.of(
                Map.entry("digest.nonce-lifetime-seconds", "9"),
                Map.entry("digest.nonce-lifetime-seconds", "86401"),
                Map.entry("digest.algorithms", "SHA-1"),
                Map.entry("digest.qop", "auth-conf"),
                Map.entry("digest.realm", "Amino\u00e9TV"),
                Map.entry("digest.realm", "x".repeat(129)))) {
            assertThatThrownBy(() -> realm.admin().flows().updateAuthenticatorConfig(stored.getId(),
                    copy(stored, Map.of(refused.getKey(), refused.getValue()))))
                    .as(refused.toString()).isInstanceOf(BadRequestException.class);
        }
        for (Map.Entry<String, String> accepted : List.of(
                Map.entry("digest.nonce-lifetime-seconds", "10"),
                Map.entry("digest.nonce-lifetime-seconds", "86400"),
                Map.entry("digest.realm", "x".repeat(128)))) {
            realm.admin().flows().updateAuthenticatorConfig(stored.getId(), copy(stored, Map.of(accepted.getKey(), accepted.getValue())));
            assertThat(realm.admin().flows().getAuthenticatorConfig(stored.getId()).getConfig())
                    .as(accepted.toString()).containsEntry(accepted.getKey(), accepted.getValue());
        }
        realm.admin().flows().updateAuthenticatorConfig(stored.getId(), stored); // back to AminoTV for the other tests
    }

    @Test
    void aNewConfigurationOfADigestStepIsCheckedToo() {
        AuthenticationExecutionInfoRepresentation execution = execution("digest lone alternative", "direct-grant-http-digest");
        realm.admin().flows().removeAuthenticatorConfig(execution.getAuthenticationConfig());
        AuthenticatorConfigRepresentation fresh = new AuthenticatorConfigRepresentation();
        fresh.setAlias("lone-digest-new");
        fresh.setConfig(Map.of("digest.realm", "AminoTV", "digest.algorithms", "SHA-256##FOO"));

        try (Response refused = realm.admin().flows().newExecutionConfig(execution.getId(), fresh)) {
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.readEntity(String.class)).contains("\"errorMessage\":\"Algorithms: unknown algorithm \\\"FOO\\\"");
        }
        assertThat(execution("digest lone alternative", "direct-grant-http-digest").getAuthenticationConfig()).isNull();

        fresh.setConfig(Map.of("digest.realm", "AminoTV", "digest.algorithms", "SHA-256"));
        try (Response created = realm.admin().flows().newExecutionConfig(execution.getId(), fresh)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
    }

    @Test
    void apiKeySettingsAreCheckedAtTheirLimits() {
        // Keycloak's built-in "clients" flow cannot be changed: an admin copies it and adds the step to the copy.
        try (Response copied = realm.admin().flows().copy("clients", Map.of("newName", "clients with api keys"))) {
            assertThat(copied.getStatus()).isEqualTo(201);
        }
        realm.admin().flows().addExecution("clients with api keys", Map.of("provider", "client-hmac-signature"));
        AuthenticationExecutionInfoRepresentation execution = execution("clients with api keys", "client-hmac-signature");
        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias("api-keys-limits");
        for (Map<String, String> refused : List.of(Map.of("hmac.max-failures", "101"), Map.of("hmac.max-age-seconds", "0"),
                Map.of("hmac.clock-skew-seconds", "3601"), Map.of("hmac.lockout-seconds", "ten"))) {
            config.setConfig(refused);
            try (Response response = realm.admin().flows().newExecutionConfig(execution.getId(), config)) {
                assertThat(response.getStatus()).as(refused.toString()).isEqualTo(400);
                assertThat(response.readEntity(String.class)).as(refused.toString()).contains("errorMessage").contains("a whole number from");
            }
        }
        config.setConfig(Map.of("hmac.max-failures", "100", "hmac.max-age-seconds", "86400", "hmac.clock-skew-seconds", "0"));
        try (Response response = realm.admin().flows().newExecutionConfig(execution.getId(), config)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
    }

    @Test
    void aCallWithoutCredentialsIsLeftToKeycloak() {
        AuthenticatorConfigRepresentation stored = digestConfig("digest only");
        String url = realm.server().baseUrl("127.0.0.1") + "/admin/realms/" + realm.name() + "/authentication/config/" + stored.getId();
        try (Response response = ClientBuilder.newClient().target(url).request()
                .put(Entity.json(copy(stored, Map.of("digest.nonce-lifetime-seconds", "abc"))))) {
            assertThat(response.getStatus()).isEqualTo(401);
        }
    }

    @Test
    void theAdminsDigestPasswordCallMakesHashesForTheRealmsDigestSettings() {
        UserRepresentation dora = new UserRepresentation();
        dora.setUsername("dora");
        dora.setEnabled(true);
        dora.setEmail("dora@example.org");
        dora.setEmailVerified(true);
        dora.setFirstName("Dora");
        dora.setLastName("Device");
        String id;
        try (Response created = realm.admin().users().create(dora)) {
            assertThat(created.getStatus()).isEqualTo(201);
            id = created.getLocation().getPath().replaceAll(".*/", "");
        }
        assertThat(realm.setDigestPassword(id, Map.of("password", "dora-pass"))).isEqualTo(204);

        ClientRepresentation client = realm.admin().clients().findByClientId("dg-required").get(0);
        String digestOnly = realm.admin().flows().getFlows().stream().filter(flow -> "digest only".equals(flow.getAlias()))
                .findFirst().orElseThrow().getId();
        client.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", digestOnly));
        realm.admin().clients().get(client.getId()).update(client);
        Curl.Response login = Curl.from("127.0.0.1").digestAuth("dora", "dora-pass")
                .form("grant_type", "password").form("client_id", "dg-required").post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(login.status()).as("HA1s for digest realm AminoTV: " + login).isEqualTo(200);
    }

    private static void assertRefused(Runnable save, String message) {
        assertThatThrownBy(save::run).isInstanceOfSatisfying(BadRequestException.class, e ->
                assertThat(e.getResponse().readEntity(String.class)).contains("\"errorMessage\":\"" + message + "\""));
    }

    private static AuthenticatorConfigRepresentation digestConfig(String flow) {
        return realm.admin().flows().getAuthenticatorConfig(execution(flow, "direct-grant-http-digest").getAuthenticationConfig());
    }

    private static AuthenticationExecutionInfoRepresentation execution(String flow, String provider) {
        return realm.admin().flows().getExecutions(flow).stream()
                .filter(e -> provider.equals(e.getProviderId())).findFirst().orElseThrow();
    }

    private static AuthenticatorConfigRepresentation copy(AuthenticatorConfigRepresentation stored, Map<String, String> changes) {
        AuthenticatorConfigRepresentation copy = new AuthenticatorConfigRepresentation();
        copy.setId(stored.getId());
        copy.setAlias(stored.getAlias());
        Map<String, String> config = new HashMap<>(stored.getConfig());
        config.putAll(changes);
        copy.setConfig(config);
        return copy;
    }
}
