package io.authbridge.it.digest.client;

import java.util.Map;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's steps (README): a Digest client does not authenticate until client-http-digest is in the realm's
 * client authentication flow. Keycloak's built-in "clients" flow cannot be edited, so: duplicate it, add the
 * execution as ALTERNATIVE, bind the copy. Without configuration the digest realm is the Keycloak realm's name.
 * Realm: {@code realms/digest-client-plain.json} (Keycloak's default flows, one Digest client set-top-box).
 */
class ClientDigestAdminSetupIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-client-plain.json");

    @Test
    void digestWorksOnceTheAdminAddsItToTheClientAuthenticationFlow() {
        Curl.Response before = login();
        // Nothing challenges curl's empty first POST, which Keycloak refuses for its missing grant_type.
        assertThat(before.status()).as("not in the clients flow yet: " + before).isEqualTo(400);
        assertThat(before.body()).doesNotContain("access_token");

        try (Response copied = realm.admin().flows().copy("clients", Map.of("newName", "clients with digest"))) {
            assertThat(copied.getStatus()).isEqualTo(201);
        }
        realm.admin().flows().addExecution("clients with digest", Map.of("provider", "client-http-digest"));
        AuthenticationExecutionInfoRepresentation execution = realm.admin().flows().getExecutions("clients with digest")
                .stream().filter(e -> "client-http-digest".equals(e.getProviderId())).findFirst().orElseThrow();
        execution.setRequirement("ALTERNATIVE");
        realm.admin().flows().updateExecutions("clients with digest", execution);
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setClientAuthenticationFlow("clients with digest");
        realm.admin().update(rep);

        Curl.Response after = login();
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.json().path("access_token").asText()).isNotEmpty();
        assertThat(after.sent("Authorization")).singleElement().asString()
                .contains("realm=\"" + realm.name() + "\"").contains("algorithm=SHA-256");
    }

    /** Traced, for the Authorization header curl sent. */
    private static Curl.Response login() {
        return Curl.request().verbose().digestAuth("set-top-box", "stb-secret").form("grant_type", "client_credentials")
                .post(realm.tokenEndpoint("127.0.0.1"));
    }
}
