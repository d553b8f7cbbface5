package io.authbridge.it.hmac;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.authbridge.it.harness.HostileRuns;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import static io.authbridge.it.hmac.PartnerCalls.freshTimestamp;
import static io.authbridge.it.hmac.PartnerCalls.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed API-key requests (1000 per build, 10 000 in the hostile-input run) — mutated headers, bodies and forms,
 * sent with the JDK's HTTP client by parallel senders to both endpoints, half with the API-key step ALTERNATIVE beside
 * Keycloak's client authenticators and half with it REQUIRED alone in the realm's client-authentication flow — are
 * each answered with a 4xx OAuth error, never a 500, a stack trace or the secret; the server logs no error; and the
 * keys that were not attacked work as before.
 */
class ApiKeyMalformedRequestsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/api-key.json");

    private static final String[] KEYS = {"partner-fuzz", "partner-fuzz", "partner-strict", "no-such-key", "backend", "partner-retired",
            "", "partner-fuzz\u0000", "x".repeat(300), "partner-fuzz ", "PARTNER-FUZZ"};
    private static final String[] TENANTS = {"acme", "ACME", "", " ", "a,b", "x".repeat(300), "acme\t", "é", null};

    private final PartnerCalls partner = new PartnerCalls(realm);

    /** The realm's client-authentication flows an admin can bind with the API-key step in it. */
    enum ClientFlow {
        /** The test realm's own: Keycloak's client authenticators and {@code client-hmac-signature}, all ALTERNATIVE. */
        ALTERNATIVE_BESIDE_KEYCLOAKS("clients with api keys"),
        /** {@code client-hmac-signature} REQUIRED and alone: every client must sign. */
        REQUIRED_ALONE("api keys only");

        final String alias;

        ClientFlow(String alias) {
            this.alias = alias;
        }
    }

    @ParameterizedTest
    @EnumSource(ClientFlow.class)
    void malformedRequestsAreEachAnswered4xx(ClientFlow flow) throws Exception {
        bindClientFlow(flow);
        long logBefore = HostileRuns.logPosition(realm.server());
        HostileRuns.Result run = HostileRuns.send(20261129L + flow.ordinal(), HostileRuns.requestsPerScheme() / ClientFlow.values().length,
                random -> random.nextBoolean() ? legacyRequest(random) : tokenRequest(random),
                (request, response) -> {
                    assertThat(response.statusCode()).as("%s %s -> %s", request.uri(), request.headers().map(), response.body())
                            .isBetween(400, 499);
                    assertThat(TestRealm.JSON.readTree(response.body()).path("error").asText()).as(response.body()).isNotEmpty();
                    assertThat(response.body()).doesNotContain("Exception").doesNotContain("fuzz-secret");
                });
        System.out.printf("API-key malformed requests, %s: %d in %d s, statuses: %s%n", flow, run.sent(),
                run.took().toSeconds(), run.statuses());
        assertThat(run.sent()).isEqualTo(run.planned());
        assertThat(run.statuses().keySet()).contains(400, 401);

        HostileRuns.assertNoErrorLoggedSince(realm.server(), logBefore, "fuzz-secret");

        // Keys nobody attacked still work, with the same signatures as before.
        assertThat(partner.legacyLogin("partner-admin", "partner-secret-1", "acme").status()).isEqualTo(200);
        assertThat(partner.clientCredentials("partner-admin", "partner-secret-1", "globex").status()).isEqualTo(200);
    }

    /** Binds the flow as the realm's client-authentication flow, creating it (with the same settings) the first time. */
    private static void bindClientFlow(ClientFlow flow) {
        AuthenticationManagementResource flows = realm.admin().flows();
        if (flows.getFlows().stream().noneMatch(existing -> existing.getAlias().equals(flow.alias))) {
            AuthenticationFlowRepresentation created = new AuthenticationFlowRepresentation();
            created.setAlias(flow.alias);
            created.setProviderId("client-flow");
            created.setTopLevel(true);
            created.setBuiltIn(false);
            flows.createFlow(created).close();
            flows.addExecution(flow.alias, Map.of("provider", "client-hmac-signature"));
            AuthenticationExecutionInfoRepresentation step = flows.getExecutions(flow.alias).get(0);
            step.setRequirement("REQUIRED");
            flows.updateExecutions(flow.alias, step);
            AuthenticationExecutionInfoRepresentation original = flows.getExecutions(ClientFlow.ALTERNATIVE_BESIDE_KEYCLOAKS.alias)
                    .stream().filter(e -> "client-hmac-signature".equals(e.getProviderId())).findFirst().orElseThrow();
            AuthenticatorConfigRepresentation settings = flows.getAuthenticatorConfig(original.getAuthenticationConfig());
            settings.setId(null);
            settings.setAlias("api-keys, required");
            flows.newExecutionConfig(step.getId(), settings).close();
        }
        RealmRepresentation representation = realm.admin().toRepresentation();
        representation.setClientAuthenticationFlow(flow.alias);
        realm.admin().update(representation);
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
