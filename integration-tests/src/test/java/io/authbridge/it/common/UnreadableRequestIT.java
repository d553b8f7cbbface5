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
 * Requests Keycloak itself answers with HTTP 500 before any endpoint runs — an empty or unparsable {@code Content-Type}
 * (its security-headers filter parses it), a form body that cannot be decoded — get 400 {@code invalid_request} from
 * AuthBridge's endpoints instead ({@code UnparsableContentTypeFilter}, {@code UndecodableFormBodyFilter}), with
 * Keycloak's security headers. The token endpoint keeps Keycloak's answers, as the README says.
 */
class UnreadableRequestIT {

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

    @ParameterizedTest
    @CsvSource({"/digest/login?client_id=tv-app", "/cookie-exchange/token?client_id=spa", "/api-key/login/session"})
    void aMultipartBodyIsA400(String path) throws Exception {
        HttpResponse<String> response = postForm(realm.url("127.0.0.1") + path, "multipart/form-data; boundary=x", "scope=openid");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestRealm.JSON.readTree(response.body()).path("error_description").asText())
                .isEqualTo("Multipart bodies are not accepted here");
    }

    @Test
    void aParsableContentTypeReachesTheEndpoint() throws Exception {
        HttpResponse<String> response = post(realm.url("127.0.0.1") + "/api-key/login/session", "application/json");

        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500);
        assertThat(response.body()).doesNotContain("Content-Type header");
    }

    /**
     * A form body that cannot be decoded — a broken percent-escape, an unknown charset: Keycloak's form decoding would
     * answer 500 before the endpoint; every AuthBridge endpoint that takes a form answers 400 instead, and a form that
     * decodes still reaches the endpoint with its body intact.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/digest/login?client_id=tv-app|application/x-www-form-urlencoded|client_id=%zz&scope=%",
            "/cookie-exchange/token?client_id=spa|application/x-www-form-urlencoded|client_id=%zz&scope=%",
            "/cookie-exchange/token|application/x-www-form-urlencoded; charset=ISO-8859-1|client_id=sp%a",
            "/cookie-exchange/token|application/x-www-form-urlencoded; charset=no-such-charset|client_id=spa",
    })
    void aFormThatCannotBeDecodedIsA400(String path, String contentType, String form) throws Exception {
        HttpResponse<String> response = postForm(realm.url("127.0.0.1") + path, contentType, form);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = TestRealm.JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("error_description").asText()).isEqualTo("The form body cannot be decoded");
    }

    @Test
    void aFormThatDecodesReachesTheEndpoint() throws Exception {
        HttpResponse<String> response = postForm(realm.url("127.0.0.1") + "/cookie-exchange/token",
                "application/x-www-form-urlencoded", "client_id=no%2Dsuch%2Dclient");

        // The endpoint decoded the client ID itself: it names no client.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(TestRealm.JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    private static HttpResponse<String> postForm(String url, String contentType, String form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType).header("Origin", "http://app.example")
                .header("X-AuthBridge-Cookie-Exchange", "1")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Keycloak's own endpoint, before any AuthBridge code: what remains Keycloak's (README "Limits"). */
    @Test
    void theTokenEndpointKeepsKeycloaksAnswer() throws Exception {
        HttpResponse<String> response = post(realm.tokenEndpoint("127.0.0.1"), ";;;");
        HttpResponse<String> form = postForm(realm.tokenEndpoint("127.0.0.1"), "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=%zz");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(500);
    }

    private static HttpResponse<String> post(String url, String contentType) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
