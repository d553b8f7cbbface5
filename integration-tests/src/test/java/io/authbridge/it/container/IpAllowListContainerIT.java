package io.authbridge.it.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.fasterxml.jackson.databind.JsonNode;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientPoliciesProfilesResource;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.images.builder.ImageFromDockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ip-allowlist executor in the image that {@code docker/Dockerfile} builds, started as that image is meant to
 * run ({@code start --optimized}). Only scenarios that hold through Docker's networking are here: the container
 * sees every request from the host as coming from one gateway address, so the per-address scenarios stay with
 * {@code IpAllowListIT} on the distribution. The server's output is in {@code target/keycloak-container.log}.
 */
@EnabledIfDockerEngine(disabledReason = "the testcontainers run of the ip-allowlist scenarios is skipped;"
        + " the distribution-based tests cover them")
class IpAllowListContainerIT {

    private static final String REALM = "ip-allowlist-container";

    /**
     * "anywhere" adds every address to the profile's range; "documentation-only" has just the profile's range,
     * 192.0.2.1 (TEST-NET-1), which is never the address of a real client.
     */
    private static final String REALM_JSON = """
            {
              "realm": "ip-allowlist-container",
              "enabled": true,
              "roles": {"client": {"anywhere": [{"name": "ip-restricted"}], "documentation-only": [{"name": "ip-restricted"}]}},
              "clients": [
                {"clientId": "anywhere", "secret": "anywhere-secret", "publicClient": false,
                 "serviceAccountsEnabled": true, "standardFlowEnabled": false,
                 "attributes": {"authbridge.ip-allowlist": "0.0.0.0/0, ::/0"}},
                {"clientId": "documentation-only", "secret": "documentation-only-secret", "publicClient": false,
                 "serviceAccountsEnabled": true, "standardFlowEnabled": false}
              ],
              "clientProfiles": {"profiles": [{"name": "ip-allowlist-profile",
                "executors": [{"executor": "ip-allowlist", "configuration": {"allowed-ranges": ["192.0.2.1"]}}]}]},
              "clientPolicies": {"policies": [{"name": "ip-restricted-clients", "enabled": true,
                "conditions": [{"condition": "client-roles", "configuration": {"roles": ["ip-restricted"]}}],
                "profiles": ["ip-allowlist-profile"]}]}
            }
            """;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KeycloakContainer keycloak;
    private static Keycloak admin;

    @BeforeAll
    static void startTheProjectImageAndImportTheRealm() throws IOException {
        Path repository = Path.of(requiredProperty("authbridge.repo.dir"));
        Path serverLog = Path.of(requiredProperty("test.output.dir"), "keycloak-container.log");
        Files.deleteIfExists(serverLog);

        // Built like `docker build -f docker/Dockerfile .`. ImageFromDockerfile#withDockerfile would make docker/
        // the build context; setting the base directory first makes it the repository root, whose .dockerignore
        // docker-java applies. The in-memory database spares the test a PostgreSQL container.
        ImageFromDockerfile image = new ImageFromDockerfile()
                .withBuildArg("KEYCLOAK_VERSION", requiredProperty("keycloak.dist.version"))
                .withBuildArg("KC_DB", "dev-mem")
                .withBuildImageCmdModifier(build -> build.withBaseDirectory(repository.toFile())
                        .withDockerfile(repository.resolve("docker/Dockerfile").toFile()));

        keycloak = new KeycloakContainer(image.get())
                .withOptimizedFlag()
                // The image exists only locally: never try to pull it, however old its cached layers are.
                .withImagePullPolicy(PullPolicy.defaultPolicy())
                // Plain HTTP on whatever host port Docker maps; a single node has no cluster to join.
                .withEnv("KC_HTTP_ENABLED", "true")
                .withEnv("KC_HOSTNAME_STRICT", "false")
                .withEnv("KC_CACHE", "local")
                .withLogConsumer(frame -> append(serverLog, frame));
        keycloak.start();

        admin = keycloak.getKeycloakAdminClient();
        admin.realms().create(TestRealm.JSON.readValue(REALM_JSON, RealmRepresentation.class));
    }

    @AfterAll
    static void stopKeycloak() {
        if (admin != null) {
            admin.close();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void clientAllowingEveryAddressObtainsAToken() throws Exception {
        HttpResponse<String> response = clientCredentials("anywhere");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("access_token").asText()).isNotEmpty();
    }

    @Test
    void clientAllowingOnlyADocumentationAddressIsRefusedWith403() throws Exception {
        HttpResponse<String> response = clientCredentials("documentation-only");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json(response).path("error").asText()).isEqualTo("access_denied");
    }

    @Test
    void invalidProfileEntryIsRefusedWith400NamingIt() throws Exception {
        ClientPoliciesProfilesResource profiles = admin.realm(REALM).clientPoliciesProfilesResource();
        ClientProfilesRepresentation before = profiles.getProfiles(false);
        ClientProfilesRepresentation proposed = TestRealm.JSON.readValue("""
                {"profiles": [{"name": "ip-allowlist-profile",
                  "executors": [{"executor": "ip-allowlist", "configuration": {"allowed-ranges": ["192.0.2.1", "10.0.0.0/33"]}}]}]}
                """, ClientProfilesRepresentation.class);

        assertThatThrownBy(() -> profiles.updateProfiles(proposed))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getResponse().readEntity(String.class)).contains("'10.0.0.0/33'"));
        assertThat(profiles.getProfiles(false)).isEqualTo(before);
    }

    private static HttpResponse<String> clientCredentials(String clientId) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + clientId + "-secret";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(keycloak.getAuthServerUrl() + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return TestRealm.JSON.readTree(response.body());
    }

    private static void append(Path log, OutputFrame frame) {
        try {
            Files.writeString(log, frame.getUtf8String(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requiredProperty(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + key + " is not set; run the tests through Maven (./mvnw verify)");
        }
        return value;
    }
}
