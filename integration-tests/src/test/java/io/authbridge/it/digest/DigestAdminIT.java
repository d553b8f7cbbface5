package io.authbridge.it.digest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin REST call that sets a user's Digest password (stored as HA1 only). Realm: {@code realms/digest.json}. */
class DigestAdminIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest.json");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void adminSetsADigestPasswordThatCurlCanUse() throws Exception {
        assertThat(DigestDirectGrantIT.curlDigest(realm, "judy", "judy-digest").status()).as("no HA1 yet").isEqualTo(401);

        HttpResponse<String> set = put(judyUrl(), adminToken(),
                "{\"password\":\"judy-digest\",\"digestRealm\":\"AminoTV\",\"algorithms\":[\"SHA-256\",\"MD5\"]}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        assertThat(DigestDirectGrantIT.curlDigest(realm, "judy", "judy-digest").status()).isEqualTo(200);
        assertThat(realm.admin().users().get(judyId()).credentials())
                .anySatisfy(c -> assertThat(c.getType()).isEqualTo("digest-ha1"));
    }

    @Test
    void callerWithoutAdminRightsIsRefused() throws Exception {
        HttpResponse<String> response = put(judyUrl(), "not-a-token", "{\"password\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void missingPasswordOrUnknownAlgorithmIsABadRequest() throws Exception {
        assertThat(put(judyUrl(), adminToken(), "{\"digestRealm\":\"AminoTV\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = put(judyUrl(), adminToken(), "{\"password\":\"x\",\"algorithms\":[\"SHA-1\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("algorithm").doesNotContain("\"x\"");
    }

    private static String judyId() {
        return realm.admin().users().search("judy", true).get(0).getId();
    }

    private static String judyUrl() {
        return realm.server().baseUrl() + "/admin/realms/" + realm.name() + "/authbridge-digest/users/" + judyId()
                + "/digest-password";
    }

    private static String adminToken() {
        return realm.adminClient().tokenManager().getAccessTokenString();
    }

    private static HttpResponse<String> put(String url, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
