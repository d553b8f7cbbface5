package io.authbridge.it.digest.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.DigestHeaders;
import io.authbridge.it.harness.HostileRuns;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.UserRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests to the legacy Digest session login {@code /realms/{realm}/digest/login} (1000 per build, 10 000 in
 * the hostile-input run), from parallel senders: mutated Digest headers of a real login, replays, other schemes,
 * missing and odd client IDs, methods, Content-Types, charsets, form bodies with broken escapes and sizes. Each is
 * answered below 500 with an OAuth error unless it happens to be a valid login (a parsing mutation of the real header
 * logs in at most once: the nonce count is single-use), no body carries a stack trace or password, the server logs
 * no error, and users nobody attacked still log in. Realm: {@code realms/digest-login.json}.
 */
class DigestLoginMalformedRequestsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest-login.json");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] CLIENTS = {"tv-app", "tv-app", "tv-app", "", "no-such-client", "TV-APP", "tv-app%00",
            "x".repeat(300), "tv-app&client_id=other"};
    private static final String[] CONTENT_TYPES = {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=x-none",
            "application/json", "text/plain", "multipart/form-data; boundary=x", "*/*", ";;;", ""};
    private static final String[] OTHER_SCHEMES = {"Basic bWFsbG9yeTptYWxsb3J5LXBhc3M=", "Bearer x.y.z", "Negotiate YII=",
            "Digest", "digest username=\"mallory\"", "\u00ff\u00fe"};

    @Test
    void hostileDigestLoginsAreAnsweredBelow500() throws Exception {
        // mallory: a user of its own, since mutated headers that still parse count toward her lockout.
        createUserWithDigestPassword("mallory", "mallory-pass");
        String path = "/realms/" + realm.name() + "/digest/login?client_id=tv-app";
        HttpResponse<String> challenge = HTTP.send(HttpRequest.newBuilder(URI.create(loginUrl("tv-app"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String valid = DigestHeaders.authorization("mallory", "mallory-pass", DigestAlgorithm.SHA_256,
                DigestHeaders.nonceOf(challenge), path, "GET");
        long logBefore = HostileRuns.logPosition(realm.server());

        HostileRuns.Result run = HostileRuns.send(20261202L, random -> request(random, valid), (request, response) -> {
            assertThat(response.statusCode()).as("%s %s -> %s", request.uri(), request.headers().map(), response.body())
                    .isLessThan(500);
            if (response.statusCode() != 200) {
                assertThat(TestRealm.JSON.readTree(response.body()).path("error").asText())
                        .as("%s %s -> %s %s", request.uri(), request.headers().map(), response.statusCode(), response.body())
                        .isNotEmpty();
            }
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("mallory-pass");
        });
        System.out.printf("Digest-login hostile requests: %d in %d s, statuses: %s%n", run.sent(), run.took().toSeconds(),
                run.statuses());
        assertThat(run.sent()).isEqualTo(run.planned());
        assertThat(run.statuses().keySet()).contains(400, 401);
        assertThat(run.statuses().getOrDefault(200, 0)).as("a nonce count logs in once").isLessThanOrEqualTo(1);
        HostileRuns.assertNoErrorLoggedSince(realm.server(), logBefore, "mallory-pass");

        // Users nobody attacked still log in with curl --digest; mallory too, once her lockout is cleared.
        assertThat(Curl.request().digestAuth("alice", "s3cret").get(loginUrl("tv-app")).status()).isEqualTo(200);
        realm.admin().attackDetection().clearAllBruteForce();
        assertThat(Curl.request().digestAuth("mallory", "mallory-pass").get(loginUrl("tv-app")).status()).isEqualTo(200);
    }

    private static HttpRequest request(Random random, String valid) {
        String client = CLIENTS[random.nextInt(CLIENTS.length)];
        String url = switch (random.nextInt(8)) {
            case 0 -> realm.url("127.0.0.1") + "/digest/login";
            case 1 -> realm.url("127.0.0.1") + "/digest/login?client_id=" + client + "&client_id=tv-app";
            default -> loginUrl(client);
        };
        String body = switch (random.nextInt(7)) {
            case 0 -> "";
            case 1 -> "scope=openid";
            case 2 -> "client_id=" + client;
            case 3 -> "scope=%" + random.nextInt(99) + "&a=%zz";
            case 4 -> "x".repeat(random.nextInt(20_000));
            case 5 -> DigestHeaders.mutate("scope=openid+profile&client_id=tv-app", random);
            default -> "{\"scope\":\"openid\"}";
        };
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (random.nextInt(3) == 0) {
            builder.GET();
        } else {
            builder.POST(HttpRequest.BodyPublishers.ofString(body));
            String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            if (!contentType.isEmpty()) {
                builder.header("Content-Type", contentType);
            }
        }
        switch (random.nextInt(6)) {
            case 0 -> { } // no Authorization: the challenge
            case 1 -> builder.header("Authorization", valid); // a replay after the first use
            case 2 -> builder.header("Authorization", OTHER_SCHEMES[random.nextInt(OTHER_SCHEMES.length)]);
            default -> builder.header("Authorization", DigestHeaders.mutate(valid, random));
        }
        return builder.build();
    }

    private static String loginUrl(String clientId) {
        return realm.url("127.0.0.1") + "/digest/login?client_id=" + clientId;
    }

    private static void createUserWithDigestPassword(String username, String password) {
        UserRepresentation user = TestRealm.completeUser(username);
        String id = CreatedResponseUtil.getCreatedId(realm.admin().users().create(user));
        assertThat(realm.setDigestPassword(id, Map.of("password", password, "digestRealm", "AminoTV"))).isEqualTo(204);
    }
}
