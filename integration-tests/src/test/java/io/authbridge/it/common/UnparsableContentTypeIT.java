package io.authbridge.it.common;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An empty or unparsable {@code Content-Type} gets Keycloak's own HTTP 500 before any endpoint runs (its
 * security-headers filter parses it); AuthBridge's endpoints answer 400 {@code invalid_request} instead, with
 * Keycloak's security headers. The token endpoint keeps Keycloak's answer, as the README says.
 */
class UnparsableContentTypeIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/api-key.json");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api-key/login/session|",
            "/api-key/login/session|;;;",
            "/digest/login?client_id=tv-app|",
            "/digest/login?client_id=tv-app|text",
            "/cookie-exchange/token?client_id=spa|/",
    })
    void authBridgeEndpointsAnswer400(String path, String contentType) throws Exception {
        HttpResponse<String> response = post(realm.url("127.0.0.1") + path, contentType == null ? "" : contentType);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = TestRealm.JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("error_description").asText()).isEqualTo("The Content-Type header cannot be parsed");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aParsableContentTypeReachesTheEndpoint() throws Exception {
        HttpResponse<String> response = post(realm.url("127.0.0.1") + "/api-key/login/session", "application/json");

        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500);
        assertThat(response.body()).doesNotContain("Content-Type header");
    }

    /**
     * A form body with a broken percent-escape: the Digest login endpoint reads its body itself and answers 400. (The
     * cookie exchange's form is parsed by Keycloak's HTTP layer before AuthBridge runs, which answers 500: README,
     * "Requests Keycloak answers before AuthBridge runs".)
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/digest/login?client_id=tv-app"})
    void aBrokenPercentEscapeInAFormIsA400(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realm.url("127.0.0.1") + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://app.example")
                .header("X-AuthBridge-Cookie-Exchange", "1")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=%zz&scope=%")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    /** Keycloak's own endpoint, before any AuthBridge code: what remains Keycloak's (README "Limits"). */
    @Test
    void theTokenEndpointKeepsKeycloaksAnswer() throws Exception {
        HttpResponse<String> response = post(realm.tokenEndpoint("127.0.0.1"), ";;;");

        assertThat(response.statusCode()).isEqualTo(500);
    }

    private static HttpResponse<String> post(String url, String contentType) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
