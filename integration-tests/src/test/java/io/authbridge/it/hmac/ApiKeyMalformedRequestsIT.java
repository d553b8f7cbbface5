package io.authbridge.it.hmac;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.authbridge.it.harness.HostileRuns;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.authbridge.it.hmac.PartnerCalls.freshTimestamp;
import static io.authbridge.it.hmac.PartnerCalls.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed API-key requests (1000 per build, 10 000 in the hostile-input run) — mutated headers, bodies and forms,
 * sent with the JDK's HTTP client by parallel senders to both endpoints — are each answered with a 4xx OAuth error, never a 500, a stack trace or the secret; the server logs
 * no error; and the keys that were not attacked work as before.
 */
class ApiKeyMalformedRequestsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/api-key.json");

    private static final String[] KEYS = {"partner-fuzz", "partner-fuzz", "partner-strict", "no-such-key", "backend", "partner-retired",
            "", "partner-fuzz\u0000", "x".repeat(300), "partner-fuzz ", "PARTNER-FUZZ"};
    private static final String[] TENANTS = {"acme", "ACME", "", " ", "a,b", "x".repeat(300), "acme\t", "é", null};

    private final PartnerCalls partner = new PartnerCalls(realm);

    @Test
    void malformedRequestsAreEachAnswered4xx() throws Exception {
        long logBefore = Files.size(realm.server().logFile());
        HostileRuns.Result run = HostileRuns.send(20261129L,
                random -> random.nextBoolean() ? legacyRequest(random) : tokenRequest(random),
                (request, response) -> {
                    assertThat(response.statusCode()).as("%s %s -> %s", request.uri(), request.headers().map(), response.body())
                            .isBetween(400, 499);
                    assertThat(TestRealm.JSON.readTree(response.body()).path("error").asText()).as(response.body()).isNotEmpty();
                    assertThat(response.body()).doesNotContain("Exception").doesNotContain("fuzz-secret");
                });
        System.out.printf("API-key malformed requests: %d in %d s, statuses: %s%n", run.sent(), run.took().toSeconds(),
                run.statuses());
        assertThat(run.sent()).isEqualTo(run.planned());
        assertThat(run.statuses().keySet()).contains(400, 401);

        String log = Files.readString(realm.server().logFile(), StandardCharsets.UTF_8);
        String during = log.substring((int) Math.min(logBefore, log.length()));
        assertThat(during).doesNotContain(" ERROR ").doesNotContain("fuzz-secret").doesNotContain("\tat io.authbridge");

        // Keys nobody attacked still work, with the same signatures as before.
        assertThat(partner.legacyLogin("partner-admin", "partner-secret-1", "acme").status()).isEqualTo(200);
        assertThat(partner.clientCredentials("partner-admin", "partner-secret-1", "globex").status()).isEqualTo(200);
    }

    private HttpRequest legacyRequest(Random random) {
        long timestamp = freshTimestamp();
        String body = mutateBody("{\"timestamp\":" + timestamp + "}", random);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(partner.legacyUrl()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", random.nextInt(4) == 0 ? "text/plain" : "application/json");
        headers(builder, random, sign("fuzz-secret", "{\"timestamp\":" + timestamp + "}"), String.valueOf(timestamp), false);
        return builder.build();
    }

    private HttpRequest tokenRequest(Random random) {
        long timestamp = freshTimestamp();
        List<String> forms = List.of("grant_type=client_credentials", "grant_type=refresh_token&refresh_token=abc",
                "grant_type=client_credentials&client_id=partner-admin", "grant_type=password&username=a&password=b", "",
                "grant_type=client_credentials&scope=x%20y", "grant_type=client_credentials&grant_type=refresh_token");
        // Not mutated at the percent-encoding level: Keycloak answers any form body with a bad %-escape (%ZZ) with a
        // 500 from its form parser, before any provider runs, at every form endpoint.
        String form = forms.get(random.nextInt(forms.size()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(realm.tokenEndpoint("127.0.0.1")
                        + (random.nextInt(5) == 0 ? "/introspect" : "")))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded");
        headers(builder, random, sign("fuzz-secret", "{\"timestamp\":\"" + timestamp + "\"}"), String.valueOf(timestamp), true);
        return builder.build();
    }

    /** Each header missing, mutated or (rarely) valid — but never all valid at once. */
    private void headers(HttpRequest.Builder builder, Random random, String validSignature, String timestamp, boolean timestampHeader) {
        String key = KEYS[random.nextInt(KEYS.length)];
        String signature = switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> validSignature.substring(1);
            case 2 -> validSignature.replace(validSignature.charAt(0), 'g');
            case 3 -> mutateText(validSignature, random);
            case 4 -> "0".repeat(64);
            default -> validSignature + "00";
        };
        String tenant = TENANTS[random.nextInt(TENANTS.length)];
        String ts = switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "-" + timestamp;
            case 2 -> timestamp + ".0";
            case 3 -> "9".repeat(40);
            default -> mutateText(timestamp, random);
        };
        if (!key.isEmpty() || random.nextBoolean()) {
            builder.header("x-authentication-api-key", key);
        }
        if (signature != null) {
            builder.header("x-authentication-signature", signature);
        }
        if (tenant != null) {
            builder.header("x-multitenant-external-id", tenant);
        }
        if (timestampHeader && ts != null) {
            builder.header("x-authentication-timestamp", ts);
        }
    }

    private static String mutateBody(String body, Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> body.substring(0, random.nextInt(body.length()));
            case 2 -> "{\"timestamp\":" + "9".repeat(random.nextInt(60)) + "}";
            case 3 -> "{\"timestamp\":[" + body + "]}";
            case 4 -> "[".repeat(2000);
            case 5 -> "{\"timestamp\":\"\\u0000\"}";
            case 6 -> "{\"timestamp\":1e400}";
            case 7 -> body.replace("timestamp", "Timestamp");
            case 8 -> "x".repeat(20_000);
            default -> mutateText(body, random);
        };
    }

    private static String mutateText(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !out.isEmpty(); e++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, (char) (random.nextInt(0x7f - 0x20) + 0x20));
                default -> out.setCharAt(at, (char) (random.nextInt(0x7f - 0x20) + 0x20));
            }
        }
        return out.toString();
    }
}
