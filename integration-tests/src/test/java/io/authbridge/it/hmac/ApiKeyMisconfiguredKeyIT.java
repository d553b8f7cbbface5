package io.authbridge.it.hmac;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;

import static io.authbridge.it.hmac.PartnerCalls.freshTimestamp;
import static io.authbridge.it.hmac.PartnerCalls.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API key whose stored configuration does not validate (as a client saved before AuthBridge was installed has it;
 * written here past the save-time check by the test-only provider in {@code io.authbridge.it.support}) answers
 * exactly like an unknown key — status, body and headers — on both endpoints, even when the signature is made with
 * its secret; only the event says why.
 */
class ApiKeyMisconfiguredKeyIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/api-key.json");

    private static final String MISCONFIGURED = "partner-solo";
    private static final String SECRET = "solo-secret";

    private final PartnerCalls partner = new PartnerCalls(realm);

    @BeforeAll
    static void storeAnInvalidSigningMode() {
        Curl.Response stored = Curl.from("127.0.0.1")
                .header("Authorization", "Bearer " + realm.adminClient().tokenManager().getAccessTokenString())
                .form("value", "paranoid")
                .post(realm.server().baseUrl("127.0.0.1") + "/realms/master/authbridge-it-support/" + realm.name()
                        + "/clients/" + MISCONFIGURED + "/attributes/authbridge.hmac.signing-mode");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(204);
        assertThat(realm.admin().clients().findByClientId(MISCONFIGURED).get(0).getAttributes())
                .containsEntry("authbridge.hmac.signing-mode", "paranoid");
    }

    @Test
    void theLegacyEndpointAnswersAMisconfiguredKeyLikeAnUnknownOne() {
        Curl.Response unknown = partner.legacyLogin("no-such-partner", SECRET, null);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
        for (Curl.Response misconfigured : List.of(partner.legacyLogin(MISCONFIGURED, SECRET, null),
                partner.legacyLogin(MISCONFIGURED, "wrong-secret", null))) {
            assertSameAnswer(misconfigured, unknown);
        }
    }

    @Test
    void theTokenEndpointAnswersAMisconfiguredKeyLikeAnUnknownOne() {
        Curl.Response unknown = partner.clientCredentials("no-such-partner", SECRET, null);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().path("error").asText()).isEqualTo("invalid_client");
        for (Curl.Response misconfigured : List.of(partner.clientCredentials(MISCONFIGURED, SECRET, null),
                partner.clientCredentials(MISCONFIGURED, "wrong-secret", null))) {
            assertSameAnswer(misconfigured, unknown);
        }
        // A disabled key and a wrong signature of a sound key: the same answer again.
        assertSameAnswer(partner.clientCredentials("partner-retired", "retired-secret", null), unknown);
        long timestamp = freshTimestamp();
        assertSameAnswer(partner.tokenRequest("partner-admin", sign("wrong-secret", "{\"timestamp\":" + timestamp + "}"),
                "acme", timestamp, "grant_type", "client_credentials"), unknown);
    }

    @Test
    void theEventNamesTheKeyAndTheRealReason() throws InterruptedException {
        assertThat(partner.legacyLogin(MISCONFIGURED, SECRET, null).status()).isEqualTo(401);
        List<EventRepresentation> errors = List.of();
        for (int attempt = 0; attempt < 50 && errors.isEmpty(); attempt++) {
            Thread.sleep(100); // events are stored after the response
            errors = realm.admin().getEvents(List.of("CLIENT_LOGIN_ERROR"), MISCONFIGURED, null, null, null, null, 0, 10);
        }
        assertThat(errors).isNotEmpty();
        assertThat(errors.get(0).getDetails().get("reason")).startsWith("invalid API-key configuration: authbridge.hmac.signing-mode");
    }

    private static void assertSameAnswer(Curl.Response actual, Curl.Response expected) {
        assertThat(actual.status()).as(actual.toString()).isEqualTo(expected.status());
        assertThat(actual.body()).isEqualTo(expected.body());
        assertThat(stableHeaders(actual)).isEqualTo(stableHeaders(expected));
    }

    /** Every header but the date, which may differ between two responses by a second. */
    private static Map<String, List<String>> stableHeaders(Curl.Response response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers());
        headers.remove("date");
        return headers;
    }
}
