package io.authbridge.it.digest.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client authenticator {@code client-http-digest} at the token endpoint, driven by two independent Digest clients:
 * {@code curl --digest} and Apache HttpClient 5's {@code DigestScheme}.
 * Realm: {@code realms/digest-client.json}: the client authentication flow "clients with digest" (Keycloak's
 * standard client authenticators plus client-http-digest, digest realm "AminoTV devices", SHA-256, qop=auth);
 * Digest devices set-top-box, rotating-box and retired-box (disabled), and an ordinary client-secret client backend.
 */
class ClientHttpDigestIT {

    private static final String DIGEST_REALM = "AminoTV devices";
    private static final String INVALID_CLIENT_BODY =
            "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}";

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-client.json");

    @Test
    void curlDigestGetsServiceAccountTokens() {
        Curl.Response result = curlDigest("set-top-box", "stb-secret", "grant_type=client_credentials");

        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().path("access_token").asText()).isNotEmpty();
        assertThat(result.json().path("refresh_token").asText()).as("client_credentials.use_refresh_token").isNotEmpty();
        // curl's first POST was empty: the challenge came from the token endpoint's filter, the tokens from the
        // client authenticator, which also proves itself to the client (rspauth) and hands out the next nonce.
        assertThat(result.sent("Authorization")).singleElement().asString()
                .startsWith("Digest username=\"set-top-box\"").contains("realm=\"" + DIGEST_REALM + "\"")
                .contains("algorithm=SHA-256");
        assertThat(result.headers("Authentication-Info")).singleElement().asString()
                .contains("rspauth=").contains("nextnonce=");
    }

    @Test
    void apacheHttpClientAnswersTheChallengeWithSha256() throws Exception {
        HttpClientResult withClientId = httpClientPost("set-top-box", "stb-secret", "grant_type=client_credentials&client_id=set-top-box");
        assertThat(withClientId.status()).as(withClientId.toString()).isEqualTo(200);
        assertThat(TestRealm.JSON.readTree(withClientId.body()).path("access_token").asText()).isNotEmpty();
        assertThat(withClientId.authorizations()).as("first request without, the retry with Digest credentials")
                .hasSize(1).first().asString()
                .startsWith("Digest ").contains("username=\"set-top-box\"").contains("algorithm=SHA-256").contains("qop=auth");

        // Without client_id nothing names the client: Keycloak's 401 invalid_client carries the challenge.
        HttpClientResult withoutClientId = httpClientPost("set-top-box", "stb-secret", "grant_type=client_credentials");
        assertThat(withoutClientId.status()).as(withoutClientId.toString()).isEqualTo(200);
        assertThat(withoutClientId.authorizations()).singleElement().asString().contains("algorithm=SHA-256");
    }

    @Test
    void wrongSecretUnknownDisabledAndNonDigestClientsLookTheSame() {
        Curl.Response wrongSecret = curlDigest("set-top-box", "not-the-secret", "grant_type=client_credentials");
        Curl.Response unknown = curlDigest("no-such-box", "stb-secret", "grant_type=client_credentials");
        Curl.Response disabled = curlDigest("retired-box", "retired-secret", "grant_type=client_credentials");
        Curl.Response notDigest = curlDigest("backend", "backend-secret", "grant_type=client_credentials");

        assertThat(wrongSecret.status()).as(wrongSecret.toString()).isEqualTo(401);
        assertThat(wrongSecret.body()).isEqualTo(INVALID_CLIENT_BODY);
        for (Curl.Response other : List.of(unknown, disabled, notDigest)) {
            assertThat(other.status()).as(other.toString()).isEqualTo(401);
            assertThat(other.body()).as(other.toString()).isEqualTo(wrongSecret.body());
            assertThat(other.headers("WWW-Authenticate")).as(other.toString()).singleElement().asString()
                    .startsWith("Digest realm=\"" + DIGEST_REALM + "\"").contains("algorithm=SHA-256");
        }
        assertThat(wrongSecret.headers("WWW-Authenticate")).singleElement().asString()
                .startsWith("Digest realm=\"" + DIGEST_REALM + "\"").contains("algorithm=SHA-256");
    }

    @Test
    void refreshAndIntrospectionAuthenticateTheClientWithDigestToo() {
        Curl.Response tokens = curlDigest("set-top-box", "stb-secret", "grant_type=client_credentials");
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);

        Curl.Response refreshed = curlDigest("set-top-box", "stb-secret",
                "grant_type=refresh_token", "refresh_token=" + tokens.json().path("refresh_token").asText());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().path("access_token").asText()).isNotEmpty()
                .isNotEqualTo(tokens.json().path("access_token").asText());

        Curl.Response refreshWithWrongSecret = curlDigest("set-top-box", "wrong",
                "grant_type=refresh_token", "refresh_token=" + refreshed.json().path("refresh_token").asText());
        assertThat(refreshWithWrongSecret.status()).as(refreshWithWrongSecret.toString()).isEqualTo(401);

        Curl.Response introspection = Curl.request().digestAuth("set-top-box", "stb-secret")
                .form("token", refreshed.json().path("access_token").asText())
                .post(realm.tokenEndpoint("127.0.0.1") + "/introspect");
        assertThat(introspection.status()).as(introspection.toString()).isEqualTo(200);
        assertThat(introspection.json().path("active").asBoolean()).as(introspection.toString()).isTrue();

        Curl.Response introspectionWithWrongSecret = Curl.request().digestAuth("set-top-box", "wrong")
                .form("token", refreshed.json().path("access_token").asText())
                .post(realm.tokenEndpoint("127.0.0.1") + "/introspect");
        assertThat(introspectionWithWrongSecret.status()).as(introspectionWithWrongSecret.toString()).isEqualTo(401);
    }

    @Test
    void aReplayedAuthorizationIsRefused() {
        Curl.Response original = curlDigest("set-top-box", "stb-secret", "grant_type=client_credentials");
        assertThat(original.status()).as(original.toString()).isEqualTo(200);
        String captured = original.sent("Authorization").get(0);

        Curl.Response replay = Curl.request().header("Authorization", captured).form("grant_type", "client_credentials")
                .post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
        assertThat(replay.json().path("error").asText()).isEqualTo("invalid_client");
        assertThat(replay.headers("WWW-Authenticate")).singleElement().asString().startsWith("Digest ");
    }

    @Test
    void httpClientCredentialsCapturedOnceAreNotAcceptedTwice() throws Exception {
        HttpClientResult first = httpClientPost("set-top-box", "stb-secret", "grant_type=client_credentials&client_id=set-top-box");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        Curl.Response replay = Curl.request().header("Authorization", first.authorizations().get(0))
                .form("grant_type", "client_credentials").form("client_id", "set-top-box").post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
    }

    @Test
    void otherSchemesAreRefusedForADigestClientWithTheDigestChallenge() {
        Curl.Response basic = Curl.request().basicAuth("set-top-box", "stb-secret").form("grant_type", "client_credentials")
                .post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(basic.status()).as(basic.toString()).isEqualTo(401);
        assertThat(basic.headers("WWW-Authenticate")).singleElement().asString().startsWith("Digest realm=\"" + DIGEST_REALM + "\"");

        Curl.Response post = Curl.request().form("grant_type", "client_credentials").form("client_id", "set-top-box")
                .form("client_secret", "stb-secret").post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(post.status()).as(post.toString()).isEqualTo(401);
        assertThat(post.body()).doesNotContain("access_token");
    }

    @Test
    void malformedDigestForADigestClientIsABadRequest() {
        Curl.Response malformed = Curl.request().header("Authorization", "Digest username=\"set-top-box\", realm=")
                .form("grant_type", "client_credentials").form("client_id", "set-top-box").post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void ordinaryClientsOfTheRealmAreUnaffected() {
        Curl.Response post = Curl.request().form("grant_type", "client_credentials").form("client_id", "backend")
                .form("client_secret", "backend-secret").post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(post.status()).as(post.toString()).isEqualTo(200);

        Curl.Response basic = Curl.request().basicAuth("backend", "backend-secret").form("grant_type", "client_credentials")
                .post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(basic.status()).as(basic.toString()).isEqualTo(200);
        assertThat(basic.headers("WWW-Authenticate")).isEmpty();
    }

    @Test
    void adminConsoleOffersTheAuthenticatorWithItsSecretAndDigestSettings() {
        List<Map<String, Object>> providers = realm.admin().flows().getClientAuthenticatorProviders();
        assertThat(providers).filteredOn(p -> "client-http-digest".equals(p.get("id"))).singleElement()
                .satisfies(p -> assertThat(p.get("supportsSecret")).isEqualTo(true))
                .satisfies(p -> assertThat((String) p.get("displayName")).contains("Digest"));
        assertThat(realm.admin().flows().getAuthenticatorConfigDescription("client-http-digest").getProperties())
                .extracting(ConfigPropertyRepresentation::getName)
                .contains("digest.realm", "digest.algorithms", "digest.qop", "digest.nonce-lifetime-seconds");

        ClientRepresentation client = realm.admin().clients().findByClientId("set-top-box").get(0);
        assertThat(client.getClientAuthenticatorType()).isEqualTo("client-http-digest");
        assertThat(realm.admin().clients().get(client.getId()).getSecret().getValue()).isEqualTo("stb-secret");
    }

    /** curl --digest with these {@code name=value} form fields; traced, for the Authorization header it sent. */
    private static Curl.Response curlDigest(String clientId, String secret, String... form) {
        Curl curl = Curl.request().verbose().digestAuth(clientId, secret);
        for (String field : form) {
            int equals = field.indexOf('=');
            curl.form(field.substring(0, equals), field.substring(equals + 1));
        }
        return curl.post(realm.tokenEndpoint("127.0.0.1"));
    }

    /** A POST of the form with HttpClient's own Digest support; records the Authorization headers it sent. */
    static HttpClientResult httpClientPost(String clientId, String secret, String form) throws Exception {
        URI uri = URI.create(realm.tokenEndpoint("127.0.0.1"));
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope(uri.getHost(), uri.getPort()),
                new UsernamePasswordCredentials(clientId, secret.toCharArray()));
        List<String> authorizations = new CopyOnWriteArrayList<>();
        // After the protocol step, which adds the Authorization header to the request.
        try (CloseableHttpClient http = HttpClients.custom()
                .setDefaultCredentialsProvider(credentials)
                .addExecInterceptorAfter(ChainElement.PROTOCOL.name(), "capture-authorization", (request, scope, chain) -> {
                    Header authorization = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
                    if (authorization != null) {
                        authorizations.add(authorization.getValue());
                    }
                    return chain.proceed(request, scope);
                })
                .build()) {
            HttpPost post = new HttpPost(uri);
            // Repeatable, so HttpClient can send it again with the credentials after the 401.
            post.setEntity(new StringEntity(form, ContentType.APPLICATION_FORM_URLENCODED.withCharset(StandardCharsets.UTF_8)));
            return http.execute(post, response -> new HttpClientResult(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()), List.copyOf(authorizations)));
        }
    }

    record HttpClientResult(int status, String body, List<String> authorizations) {
    }
}
