package io.authbridge.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The few admin REST and token endpoint calls the benchmark setup needs (JDK HttpClient, Jackson). */
final class KeycloakAdminClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;
    private final String accessToken;

    private KeycloakAdminClient(HttpClient http, URI baseUrl, String accessToken) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
    }

    /** Logs in to the master realm with admin-cli; the token lives one minute, enough for the setup. */
    static KeycloakAdminClient login(URI baseUrl, String adminUser, String adminPassword) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<String> response = postForm(http, baseUrl, "master", Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", adminUser,
                "password", adminPassword), Map.of());
        expectStatus(response, 200, "admin login to the master realm as " + adminUser);
        return new KeycloakAdminClient(http, baseUrl, readJson(response.body()).path("access_token").asText());
    }

    /** {@code GET /admin/serverinfo}: systemInfo carries the Keycloak and the server's Java versions. */
    JsonNode serverInfo() {
        HttpResponse<String> response = send(adminRequest("/admin/serverinfo").GET());
        expectStatus(response, 200, "GET /admin/serverinfo");
        return readJson(response.body());
    }

    /** Deletes the realm if it exists, then imports the given realm representation. */
    void recreateRealm(String realm, String realmJson) {
        HttpResponse<String> deleted = send(adminRequest("/admin/realms/" + realm).DELETE());
        if (deleted.statusCode() != 204 && deleted.statusCode() != 404) {
            expectStatus(deleted, 204, "DELETE /admin/realms/" + realm);
        }
        HttpResponse<String> created = send(adminRequest("/admin/realms")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realmJson)));
        expectStatus(created, 201, "POST /admin/realms (" + realm + ")");
    }

    /** A token endpoint request as a client sends it (no admin token); returns the response as is. */
    HttpResponse<String> tokenRequest(String realm, Map<String, String> form) {
        return postForm(http, baseUrl, realm, form, Map.of());
    }

    /** The same with extra request headers, e.g. {@code Authorization}. */
    HttpResponse<String> tokenRequest(String realm, Map<String, String> form, Map<String, String> headers) {
        return postForm(http, baseUrl, realm, form, headers);
    }

    /** A POST of {@code body} to {@code path} (under the base URL) as a client sends it; returns the response as is. */
    HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(http, request.build());
    }

    /** The token endpoint's request target (path) as the server sees it: the {@code uri} of a Digest response. */
    String tokenRequestTarget(String realm) {
        return tokenUri(baseUrl, realm).getRawPath();
    }

    private HttpRequest.Builder adminRequest(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(http, request.build());
    }

    private static HttpResponse<String> postForm(HttpClient http, URI baseUrl, String realm, Map<String, String> form,
                                                 Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri(baseUrl, realm))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(http, request.build());
    }

    private static URI tokenUri(URI baseUrl, String realm) {
        return URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token");
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak at " + request.uri() + " did not answer; is it running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + request.uri(), e);
        }
    }

    static void expectStatus(HttpResponse<String> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + response.statusCode()
                    + ": " + response.body());
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak answered with invalid JSON: " + body, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
