package io.authbridge.it.hmac;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.Jwt;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;

import static io.authbridge.it.hmac.PartnerCalls.freshTimestamp;
import static io.authbridge.it.hmac.PartnerCalls.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /realms/{realm}/api-key/login/session}, called the way the legacy document shows it (curl, headers,
 * {@code {"timestamp": …}}), every signature computed by openssl.
 */
class ApiKeyLoginEndpointIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/api-key.json");

    private final PartnerCalls partner = new PartnerCalls(realm);

    @Test
    void theTimestampAsAStringSignedAsTheDocumentsSigningExample() {
        String body = "{\"timestamp\":\"" + freshTimestamp() + "\"}";
        Curl.Response response = partner.legacyLogin("partner-admin", sign("partner-secret-1", body), "acme", body);
        assertLegacyTokens(response, "partner-admin", "acme");
    }

    @Test
    void theTimestampAsANumberSignedAsTheDocumentsCurlExample() {
        String body = "{\"timestamp\":" + freshTimestamp() + "}";
        Curl.Response response = partner.legacyLogin("partner-admin", sign("partner-secret-1", body), "globex", body);
        assertLegacyTokens(response, "partner-admin", "globex");
    }

    @Test
    void aNumberInTheBodySignedInTheStringForm() {
        long timestamp = freshTimestamp();
        String signature = sign("partner-secret-1", "{\"timestamp\":\"" + timestamp + "\"}");
        Curl.Response response = partner.legacyLogin("partner-admin", signature, "acme", "{\"timestamp\":" + timestamp + "}");
        assertLegacyTokens(response, "partner-admin", "acme");
    }

    @Test
    void aPrettyPrintedBodyIsSignedMinified() {
        long timestamp = freshTimestamp();
        String pretty = "{\n    \"timestamp\": " + timestamp + "\n}";
        Curl.Response minified = partner.legacyLogin("partner-admin", sign("partner-secret-1", "{\"timestamp\":" + timestamp + "}"),
                "acme", pretty);
        assertLegacyTokens(minified, "partner-admin", "acme");

        String prettyAgain = "{\n    \"timestamp\": " + freshTimestamp() + "\n}";
        Curl.Response signedAsSent = partner.legacyLogin("partner-admin", sign("partner-secret-1", prettyAgain), "acme", prettyAgain);
        assertThat(signedAsSent.status()).as("whitespace is not part of what is signed: " + signedAsSent).isEqualTo(401);
    }

    @Test
    void upperCaseHexIsAccepted() {
        String body = "{\"timestamp\":" + freshTimestamp() + "}";
        Curl.Response response = partner.legacyLogin("partner-admin", sign("partner-secret-1", body).toUpperCase(), "acme", body);
        assertLegacyTokens(response, "partner-admin", "acme");
    }

    @Test
    void aReplayedRequestIsRefused() {
        String body = "{\"timestamp\":" + freshTimestamp() + "}";
        String signature = sign("partner-secret-1", body);
        assertThat(partner.legacyLogin("partner-admin", signature, "acme", body).status()).isEqualTo(200);

        Curl.Response replay = partner.legacyLogin("partner-admin", signature, "acme", body);
        assertError(replay, 401, "invalid_client");
        assertThat(replay.json().path("error_description").asText()).contains("already used");
        Curl.Response upperCaseReplay = partner.legacyLogin("partner-admin", signature.toUpperCase(), "acme", body);
        assertError(upperCaseReplay, 401, "invalid_client");
    }

    @Test
    void anAdminMayAllowResendingForALegacyCaller() {
        String body = "{\"timestamp\":" + freshTimestamp() + "}";
        String signature = sign("resender-secret", body);
        assertThat(partner.legacyLogin("partner-resender", signature, null, body).status()).isEqualTo(200);
        assertThat(partner.legacyLogin("partner-resender", signature, null, body).status()).isEqualTo(200);
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        long now = System.currentTimeMillis();
        String stale = "{\"timestamp\":" + (now - 31 * 60_000) + "}";
        Curl.Response tooOld = partner.legacyLogin("partner-admin", sign("partner-secret-1", stale), "acme", stale);
        assertError(tooOld, 401, "invalid_client");
        assertThat(tooOld.json().path("error_description").asText()).contains("older than 1800 seconds");

        String future = "{\"timestamp\":" + (now + 6 * 60_000) + "}";
        Curl.Response tooNew = partner.legacyLogin("partner-admin", sign("partner-secret-1", future), "acme", future);
        assertError(tooNew, 401, "invalid_client");
        assertThat(tooNew.json().path("error_description").asText()).contains("ahead of the server's clock");

        String aLittleAhead = "{\"timestamp\":" + (now + 60_000) + "}";
        assertThat(partner.legacyLogin("partner-admin", sign("partner-secret-1", aLittleAhead), "acme", aLittleAhead).status())
                .as("within the allowed clock skew").isEqualTo(200);
        String twentyNineMinutesOld = "{\"timestamp\":" + (now - 29 * 60_000) + "}";
        assertThat(partner.legacyLogin("partner-admin", sign("partner-secret-1", twentyNineMinutesOld), "acme", twentyNineMinutesOld).status())
                .as("within the 30 minutes").isEqualTo(200);
    }

    @Test
    void malformedBodiesAreBadRequests() {
        for (String body : List.of("{\"timestamp\":\"soon\"}", "{\"timestamp\":1.5}", "{}", "", "timestamp=1", "{\"timestamp\":")) {
            Curl.Response response = partner.legacyLogin("partner-admin", sign("partner-secret-1", body), "acme", body);
            assertError(response, 400, "invalid_request");
        }
        Curl.Response notHex = partner.legacyLogin("partner-admin", "not-a-signature", "acme", "{\"timestamp\":" + freshTimestamp() + "}");
        assertError(notHex, 400, "invalid_request");
    }

    @Test
    void tenantsAreCheckedAgainstTheKeysList() {
        Curl.Response missing = partner.legacyLogin("partner-admin", "partner-secret-1", null);
        assertError(missing, 400, "invalid_request");
        assertThat(missing.json().path("error_description").asText()).contains("x-multitenant-external-id");

        assertError(partner.legacyLogin("partner-admin", "partner-secret-1", "initech"), 403, "access_denied");
        assertError(partner.legacyLogin("partner-solo", "solo-secret", "acme"), 403, "access_denied");
        assertError(partner.legacyLogin("partner-admin", "partner-secret-1", "ac me"), 400, "invalid_request");

        assertLegacyTokens(partner.legacyLogin("partner-any", "any-secret", "whoever"), "partner-any", "whoever");
        Curl.Response solo = partner.legacyLogin("partner-solo", "solo-secret", null);
        assertThat(solo.status()).as(solo.toString()).isEqualTo(200);
        assertThat(claims(solo.json().path("accessToken").asText()).has("tenant")).isFalse();
    }

    @Test
    void unknownDisabledAndNonApiKeyClientsAndWrongSecretsAllLookTheSame() {
        List<Curl.Response> refusals = List.of(
                partner.legacyLogin("no-such-partner", "partner-secret-1", null),
                partner.legacyLogin("partner-retired", "retired-secret", null),
                partner.legacyLogin("backend", "backend-secret", null),
                partner.legacyLogin("partner-admin", "partner-secret-2", "acme"));
        for (Curl.Response refusal : refusals) {
            assertError(refusal, 401, "invalid_client");
            assertThat(refusal.body()).isEqualTo(refusals.get(0).body());
        }
    }

    @Test
    void theRefreshTokenWorksAtTheStandardTokenEndpointWithTheClientSecret() {
        Curl.Response login = partner.legacyLogin("partner-admin", "partner-secret-1", "globex");
        assertLegacyTokens(login, "partner-admin", "globex");

        Curl.Response refreshed = Curl.from("127.0.0.1").basicAuth("partner-admin", "partner-secret-1")
                .form("grant_type", "refresh_token").form("refresh_token", login.json().path("refreshToken").asText())
                .post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(claims(refreshed.json().path("access_token").asText()).path("tenant").asText()).isEqualTo("globex");

        Curl.Response wrongSecret = Curl.from("127.0.0.1").basicAuth("partner-admin", "nope")
                .form("grant_type", "refresh_token").form("refresh_token", refreshed.json().path("refresh_token").asText())
                .post(realm.tokenEndpoint("127.0.0.1"));
        assertError(wrongSecret, 401, "invalid_client");
    }

    @Test
    void ipAllowlistPinsAPartnerKeyToItsAddresses() {
        String body = "{\"timestamp\":" + freshTimestamp() + "}";
        Curl.Response fromElsewhere = partner.legacyLoginFrom("127.0.0.1", "partner-pinned", sign("pinned-secret", body), null, body);
        assertError(fromElsewhere, 403, "access_denied");

        String body2 = "{\"timestamp\":" + freshTimestamp() + "}";
        Curl.Response fromItsAddress = partner.legacyLoginFrom("127.0.0.12", "partner-pinned", sign("pinned-secret", body2), null, body2);
        assertThat(fromItsAddress.status()).as(fromItsAddress.toString()).isEqualTo(200);
    }

    @Test
    void successAndFailureAreClientLoginEvents() throws InterruptedException {
        assertThat(partner.legacyLogin("partner-admin", "partner-secret-1", "acme").status()).isEqualTo(200);
        assertThat(partner.legacyLogin("partner-admin", "wrong-secret", "acme").status()).isEqualTo(401);
        // A malformed request still names its key, its reason and the check it failed.
        assertThat(partner.legacyLogin("partner-admin", "not-hex", "acme", "{\"timestamp\":1}").status()).isEqualTo(400);

        List<EventRepresentation> logins = List.of();
        List<EventRepresentation> errors = List.of();
        for (int i = 0; i < 50 && (logins.isEmpty() || errors.size() < 2); i++) {
            logins = realm.admin().getEvents(List.of("CLIENT_LOGIN"), "partner-admin", null, null, null, null, 0, 100);
            errors = realm.admin().getEvents(List.of("CLIENT_LOGIN_ERROR"), "partner-admin", null, null, null, null, 0, 100);
            Thread.sleep(100);
        }
        assertThat(logins).anySatisfy(e -> {
            assertThat(e.getDetails()).containsEntry("client_auth_method", "client-hmac-signature").containsEntry("tenant", "acme");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.getError()).isEqualTo("invalid_client_credentials");
            assertThat(e.getDetails().get("reason")).contains("signature does not match");
            assertThat(e.getDetails()).containsEntry("authbridge_check", "signature");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.getError()).isEqualTo("invalid_request");
            assertThat(e.getDetails().get("reason")).contains("x-authentication-signature must be 64 hexadecimal digits");
            assertThat(e.getDetails()).containsEntry("authbridge_check", "request");
        });
        assertThat(errors).allSatisfy(e -> assertThat(String.valueOf(e.getDetails())).doesNotContain("partner-secret-1"));
    }

    static void assertLegacyTokens(Curl.Response response, String clientId, String tenant) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("accessToken").asText()).isNotEmpty();
        assertThat(json.path("refreshToken").asText()).isNotEmpty();
        assertThat(json.path("expiresIn").asInt()).isPositive();
        JsonNode claims = claims(json.path("accessToken").asText());
        assertThat(claims.path("azp").asText()).isEqualTo(clientId);
        assertThat(claims.path("preferred_username").asText()).isEqualTo("service-account-" + clientId);
        assertThat(claims.path("tenant").asText()).isEqualTo(tenant);
    }

    static void assertError(Curl.Response response, int status, String error) {
        response.assertError(status, error);
    }

    static JsonNode claims(String jwt) {
        return Jwt.claims(jwt);
    }
}
