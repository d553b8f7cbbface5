package io.authbridge.it.hmac;

import java.util.Map;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.Jwt;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code authbridge-api-key-tenant} mapper type: one mapper an admin adds (README "Tenants") puts the API key's
 * tenant into its tokens and introspection; an invalid claim name is refused when saved.
 */
class ApiKeyTenantMapperIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/api-key.json");

    private final PartnerCalls partner = new PartnerCalls(realm);

    @Test
    void oneMapperOfTheTypeAddsTheTenantToTokensAndIntrospection() {
        ClientResource client = newApiKey("partner-new", "new-secret");
        Curl.Response before = partner.legacyLogin("partner-new", "new-secret", "acme");
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(Jwt.claims(before.json().path("accessToken").asText()).has("partner_tenant")).isFalse();

        try (Response created = client.getProtocolMappers().createMapper(mapper("partner_tenant", ""))) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        Curl.Response login = partner.legacyLogin("partner-new", "new-secret", "acme");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(Jwt.claims(login.json().path("accessToken").asText()).path("partner_tenant").asText()).isEqualTo("acme");

        Curl.Response tokens = partner.clientCredentials("partner-new", "new-secret", "globex");
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        String accessToken = tokens.json().path("access_token").asText();
        assertThat(Jwt.claims(accessToken).path("partner_tenant").asText()).isEqualTo("globex");
        Curl.Response introspection = partner.signedTokenRequest(realm.tokenEndpoint("127.0.0.1") + "/introspect", "partner-new",
                "new-secret", "globex", "token", accessToken);
        assertThat(introspection.status()).as(introspection.toString()).isEqualTo(200);
        assertThat(introspection.json().path("partner_tenant").asText()).isEqualTo("globex");
    }

    @Test
    void anInvalidClaimNameIsRefusedWhenSaved() {
        ClientResource client = newApiKey("partner-badmapper", "bad-secret");
        for (Map.Entry<String, String> names : Map.of("a.b", "", "tenant", "tenant", " ", "", "sub", "", "tenant2", "azp").entrySet()) {
            try (Response refused = client.getProtocolMappers().createMapper(mapper(names.getKey(), names.getValue()))) {
                assertThat(refused.getStatus()).as(names.toString()).isEqualTo(400);
                assertThat(refused.readEntity(String.class)).as(names.toString()).contains("claim name");
            }
        }
        assertThat(client.getProtocolMappers().getMappers()).as("nothing stored")
                .noneMatch(m -> "authbridge-api-key-tenant".equals(m.getProtocolMapper()));
    }

    private static ClientResource newApiKey(String clientId, String secret) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setClientAuthenticatorType("client-hmac-signature");
        client.setSecret(secret);
        client.setAttributes(Map.of("authbridge.tenants", "acme, globex", "client_credentials.use_refresh_token", "true"));
        // Its own audience, so that it may introspect its own tokens (as the realm's other API keys).
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", clientId, "access.token.claim", "true",
                "introspection.token.claim", "true"));
        try (Response created = realm.admin().clients().create(client)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        ClientResource resource = realm.admin().clients().get(realm.admin().clients().findByClientId(clientId).get(0).getId());
        try (Response added = resource.getProtocolMappers().createMapper(audience)) {
            assertThat(added.getStatus()).isEqualTo(201);
        }
        return resource;
    }

    private static ProtocolMapperRepresentation mapper(String claim, String organizationClaim) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("tenant " + claim.hashCode());
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("authbridge-api-key-tenant");
        mapper.setConfig(Map.of("claim.name", claim, "organization.claim.name", organizationClaim,
                "access.token.claim", "true", "introspection.token.claim", "true"));
        return mapper;
    }
}
