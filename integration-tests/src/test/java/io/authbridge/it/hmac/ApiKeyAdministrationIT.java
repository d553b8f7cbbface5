package io.authbridge.it.hmac;

import java.util.List;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.OrganizationResource;
import org.keycloak.representations.idm.AuthenticatorConfigInfoRepresentation;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.info.FeatureRepresentation;

import static io.authbridge.it.hmac.ApiKeyLoginEndpointIT.assertError;
import static io.authbridge.it.hmac.ApiKeyLoginEndpointIT.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an identity admin does with API keys: create one through the admin REST API, rotate its secret, get invalid
 * attributes refused on save, relate tenants to Keycloak Organizations.
 */
class ApiKeyAdministrationIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/api-key.json");

    private final PartnerCalls partner = new PartnerCalls(realm);

    @Test
    void theAdminConsoleOffersTheAuthenticatorWithItsSettings() {
        assertThat(realm.admin().flows().getClientAuthenticatorProviders()).anySatisfy(provider -> {
            assertThat(provider).containsEntry("id", "client-hmac-signature")
                    .containsEntry("displayName", "API key with HMAC signature");
            assertThat(String.valueOf(provider.get("description"))).contains("x-authentication-signature");
        });
        AuthenticatorConfigInfoRepresentation description = realm.admin().flows().getAuthenticatorConfigDescription("client-hmac-signature");
        assertThat(description.getProperties()).extracting(ConfigPropertyRepresentation::getName)
                .containsExactly("hmac.max-age-seconds", "hmac.clock-skew-seconds", "hmac.max-failures", "hmac.lockout-seconds");
        assertThat(description.getProperties()).allSatisfy(property -> assertThat(property.getHelpText()).isNotBlank());
        assertThat(realm.adminClient().serverInfo().getInfo().getProviders().get("realm-restapi-extension").getProviders())
                .containsKey("api-key");
    }

    @Test
    void invalidApiKeyAttributesAreRefusedWhenTheClientIsSaved() {
        for (var attribute : List.of(
                new String[]{"authbridge.tenants", "*, acme"},
                new String[]{"authbridge.tenants", "acme, ünïcode"},
                new String[]{"authbridge.hmac.signing-mode", "paranoid"},
                new String[]{"authbridge.hmac.replay-protection", "sometimes"})) {
            ClientRepresentation client = apiKeyClient("bad-" + Math.abs(attribute[1].hashCode()), "s");
            client.getAttributes().put(attribute[0], attribute[1]);
            try (Response response = realm.admin().clients().create(client)) {
                assertThat(response.getStatus()).as(attribute[0] + "=" + attribute[1]).isEqualTo(400);
                assertThat(response.readEntity(String.class)).contains(attribute[0].equals("authbridge.tenants") ? "tenant" : attribute[0]);
            }
        }
        ClientRepresentation valid = apiKeyClient("good-partner", "good-secret");
        valid.getAttributes().put("authbridge.tenants", "acme");
        try (Response response = realm.admin().clients().create(valid)) {
            assertThat(response.getStatus()).isEqualTo(201);
        }
        assertThat(partner.legacyLogin("good-partner", "good-secret", "acme").status()).isEqualTo(200);
    }

    @Test
    void aRegeneratedSecretReplacesTheOldOneAtOnce() {
        ClientResource client = create(apiKeyClient("regenerated-partner", "first-secret"));
        assertThat(partner.legacyLogin("regenerated-partner", "first-secret", null).status()).isEqualTo(200);
        String newSecret = client.generateNewSecret().getValue();
        assertError(partner.legacyLogin("regenerated-partner", "first-secret", null), 401, "invalid_client");
        assertThat(partner.legacyLogin("regenerated-partner", newSecret, null).status()).isEqualTo(200);
    }

    @Test
    void theRotatedSecretIsAcceptedDuringItsGracePeriodAndRefusedAfterIt() throws Exception {
        List<FeatureRepresentation> features = realm.adminClient().serverInfo().getInfo().getFeatures();
        assumeTrue(features != null && features.stream().anyMatch(f -> "CLIENT_SECRET_ROTATION".equals(f.getName()) && f.isEnabled()),
                "Keycloak's preview feature client-secret-rotation is not enabled on the test server");
        realm.admin().clientPoliciesProfilesResource().updateProfiles(TestRealm.JSON.readValue("""
                {"profiles":[{"name":"rotate-partner-secrets","executors":[{"executor":"secret-rotation","configuration":{
                  "expiration-period":3600,"rotated-expiration-period":600,"remaining-rotation-period":60}}]}]}
                """, ClientProfilesRepresentation.class));
        realm.admin().clientPoliciesPoliciesResource().updatePolicies(TestRealm.JSON.readValue("""
                {"policies":[{"name":"rotate-partner-secrets","enabled":true,
                  "conditions":[{"condition":"any-client","configuration":{}}],"profiles":["rotate-partner-secrets"]}]}
                """, ClientPoliciesRepresentation.class));
        try {
            ClientResource client = create(apiKeyClient("rotating-partner", "rotating-secret-1"));
            String newSecret = client.generateNewSecret().getValue();
            assertThat(client.getClientRotatedSecret().getValue()).isEqualTo("rotating-secret-1");

            Curl.Response rotated = partner.legacyLogin("rotating-partner", "rotating-secret-1", null);
            assertThat(rotated.status()).as("old secret in its grace period: " + rotated).isEqualTo(200);
            Curl.Response rotatedAtTokenEndpoint = partner.clientCredentials("rotating-partner", "rotating-secret-1", null);
            assertThat(rotatedAtTokenEndpoint.status()).as(rotatedAtTokenEndpoint.toString()).isEqualTo(200);
            assertThat(partner.legacyLogin("rotating-partner", newSecret, null).status()).isEqualTo(200);

            client.invalidateRotatedSecret();
            assertError(partner.legacyLogin("rotating-partner", "rotating-secret-1", null), 401, "invalid_client");
            assertError(partner.clientCredentials("rotating-partner", "rotating-secret-1", null), 401, "invalid_client");
            assertThat(partner.clientCredentials("rotating-partner", newSecret, null).status()).isEqualTo(200);
        } finally {
            realm.admin().clientPoliciesPoliciesResource().updatePolicies(
                    TestRealm.JSON.readValue("{\"policies\":[]}", ClientPoliciesRepresentation.class));
            realm.admin().clientPoliciesProfilesResource().updateProfiles(
                    TestRealm.JSON.readValue("{\"profiles\":[]}", ClientProfilesRepresentation.class));
        }
    }

    @Test
    void aTenantWhoseAliasNamesAnOrganizationCarriesItsIdAndFollowsItsEnabledState() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setOrganizationsEnabled(true);
        realm.admin().update(settings);
        try {
            OrganizationRepresentation organization = new OrganizationRepresentation();
            organization.setName("Globex Corporation");
            organization.setAlias("globex");
            organization.setEnabled(true);
            OrganizationDomainRepresentation domain = new OrganizationDomainRepresentation();
            domain.setName("globex.example");
            organization.addDomain(domain);
            String id;
            try (Response response = realm.admin().organizations().create(organization)) {
                assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(201);
                String location = response.getLocation().getPath();
                id = location.substring(location.lastIndexOf('/') + 1);
            }

            Curl.Response login = partner.legacyLogin("partner-admin", "partner-secret-1", "globex");
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            assertThat(claims(login.json().path("accessToken").asText()).path("tenant_organization_id").asText()).isEqualTo(id);
            Curl.Response noOrganization = partner.legacyLogin("partner-admin", "partner-secret-1", "acme");
            assertThat(claims(noOrganization.json().path("accessToken").asText()).has("tenant_organization_id")).isFalse();

            OrganizationResource resource = realm.admin().organizations().get(id);
            OrganizationRepresentation disabled = resource.toRepresentation();
            disabled.setEnabled(false);
            try (Response response = resource.update(disabled)) {
                assertThat(response.getStatus()).isEqualTo(204);
            }
            assertError(partner.legacyLogin("partner-admin", "partner-secret-1", "globex"), 403, "access_denied");
            assertError(partner.clientCredentials("partner-admin", "partner-secret-1", "globex"), 403, "access_denied");
        } finally {
            settings.setOrganizationsEnabled(false);
            realm.admin().update(settings);
        }
    }

    private static ClientRepresentation apiKeyClient(String clientId, String secret) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-hmac-signature");
        client.setSecret(secret);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setAttributes(new java.util.HashMap<>());
        return client;
    }

    private static ClientResource create(ClientRepresentation client) {
        try (Response response = realm.admin().clients().create(client)) {
            assertThat(response.getStatus()).isEqualTo(201);
            String location = response.getLocation().getPath();
            return realm.admin().clients().get(location.substring(location.lastIndexOf('/') + 1));
        }
    }
}
