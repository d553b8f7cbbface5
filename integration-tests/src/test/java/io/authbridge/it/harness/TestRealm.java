package io.authbridge.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A realm of its own for one test class, imported from a realm JSON file under {@code src/test/resources/realms/}
 * (the same JSON an admin would import) with a unique name, and deleted after the class.
 * Prints the tail of the server log when a test fails.
 */
public final class TestRealm implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    public static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String resource;
    private final boolean createdByTheTest;
    private SharedKeycloak keycloak;
    private String name;

    private TestRealm(String resource) {
        this(resource, false);
    }

    private TestRealm(String resource, boolean createdByTheTest) {
        this.resource = resource;
        this.createdByTheTest = createdByTheTest;
    }

    /**
     * A realm the test creates itself (e.g. in the admin console) under {@link #name()}: nothing is imported, and the
     * realm is removed after the class when it exists.
     */
    public static TestRealm createdByTheTest(String prefix) {
        return new TestRealm(prefix, true);
    }

    public static TestRealm importedFrom(String resource) {
        return new TestRealm(resource);
    }

    /** The demo realm that {@code run-demo.sh} and the Docker image import ({@code docker/realm/}). */
    public static TestRealm demo() {
        return new TestRealm(null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        keycloak = SharedKeycloak.get(context);
        if (createdByTheTest) {
            name = resource + "-" + UUID.randomUUID().toString().substring(0, 8);
            return;
        }
        RealmRepresentation realm = resource == null ? readDemoRealm() : read(resource, RealmRepresentation.class);
        name = realm.getRealm() + "-" + UUID.randomUUID().toString().substring(0, 8);
        realm.setRealm(name);
        keycloak.admin().realms().create(realm);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        boolean exists = name != null && (!createdByTheTest
                || keycloak.admin().realms().findAll().stream().anyMatch(r -> name.equals(r.getRealm())));
        if (exists) {
            keycloak.admin().realm(name).remove();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (keycloak != null) {
            System.err.println("---- last lines of " + keycloak.server().logFile() + " ----\n"
                    + keycloak.server().logTail(80) + "\n---- end of server log ----");
        }
    }

    public String name() {
        return name;
    }

    public RealmResource admin() {
        return keycloak.admin().realm(name);
    }

    public Keycloak adminClient() {
        return keycloak.admin();
    }

    public KeycloakDistribution server() {
        return keycloak.server();
    }

    /** {@code <base>/realms/<name>} as seen from a client at the given loopback host. */
    public String url(String host) {
        return keycloak.server().baseUrl(host) + "/realms/" + name;
    }

    public String tokenEndpoint(String host) {
        return url(host) + "/protocol/openid-connect/token";
    }

    private static RealmRepresentation readDemoRealm() {
        Path file = Path.of(System.getProperty("authbridge.repo.dir"), "docker", "realm", "authbridge-demo-realm.json");
        try {
            return JSON.readValue(file.toFile(), RealmRepresentation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * AuthBridge's admin call that sets a user's Digest password ({@code PUT …/authbridge-digest/users/{id}/digest-password},
     * README "The digest-ha1 credential"), as this realm's admin; returns the HTTP status.
     */
    public int setDigestPassword(String userId, Map<String, ?> request) {
        String url = server().baseUrl("127.0.0.1") + "/admin/realms/" + name() + "/authbridge-digest/users/" + userId + "/digest-password";
        try (Response set = ClientBuilder.newClient().target(url).request()
                .header("Authorization", "Bearer " + adminClient().tokenManager().getAccessTokenString())
                .put(Entity.json(request))) {
            return set.getStatus();
        }
    }

    /** An enabled user with everything Keycloak's default user profile asks for at login (no required action). */
    public static UserRepresentation completeUser(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Example");
        return user;
    }

    public static <T> T read(String resource, Class<T> type) {
        try (InputStream in = TestRealm.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("test resource not found: " + resource);
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
