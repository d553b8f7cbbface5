package io.authbridge.it.ippolicy;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code client-ids} condition: a policy names its clients, and applies to them on every kind of request on
 * every Keycloak line — here an ip-allowlist profile that pins one client to its address, for client credentials and
 * password grants alike (Keycloak's client-roles condition abstains on password grants before 26.6).
 */
class ClientIdsConditionIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/client-ids.json");

    @Test
    void theNamedClientIsPinnedToItsAddressAndOthersAreNot() {
        assertThat(clientCredentials("127.0.0.9", "pinned").status()).isEqualTo(200);
        clientCredentials("127.0.0.1", "pinned").assertError(403, "access_denied");
        assertThat(clientCredentials("127.0.0.1", "free").status()).isEqualTo(200);
    }

    @Test
    void itAppliesToPasswordGrantsOnEveryLine() {
        assertThat(password("127.0.0.9", "pinned").status()).isEqualTo(200);
        password("127.0.0.1", "pinned").assertError(403, "access_denied");
        assertThat(password("127.0.0.1", "free").status()).isEqualTo(200);
    }

    @Test
    void aClientIdOfNoClientIsRefusedWhenSaved() throws Exception {
        ClientPoliciesRepresentation before = realm.admin().clientPoliciesPoliciesResource().getPolicies(false);
        ClientPoliciesRepresentation typo = TestRealm.JSON.readValue("""
                {"policies": [{"name": "typo", "enabled": true,
                  "conditions": [{"condition": "client-ids", "configuration": {"clients": ["pinned", "pinnned"]}}],
                  "profiles": ["pinned-addresses"]}]}
                """, ClientPoliciesRepresentation.class);
        // Refused on every line: by Keycloak from 26.4, by ClientPolicySettingsFilter on 26.0 and 26.2.
        assertThatThrownBy(() -> realm.admin().clientPoliciesPoliciesResource().updatePolicies(typo))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getResponse().readEntity(String.class))
                        .contains("Invalid client-ids configuration - Clients: no client of this realm has the client ID [pinnned]"));
        assertThat(realm.admin().clientPoliciesPoliciesResource().getPolicies(false)).isEqualTo(before);
    }

    private static Curl.Response clientCredentials(String from, String clientId) {
        return Curl.from(from).form("grant_type", "client_credentials").form("client_id", clientId)
                .form("client_secret", clientId + "-secret").post(realm.tokenEndpoint("127.0.0.1"));
    }

    private static Curl.Response password(String from, String clientId) {
        return Curl.from(from).form("grant_type", "password").form("client_id", clientId)
                .form("client_secret", clientId + "-secret").form("username", "carol").form("password", "carol-pass")
                .post(realm.tokenEndpoint("127.0.0.1"));
    }
}
