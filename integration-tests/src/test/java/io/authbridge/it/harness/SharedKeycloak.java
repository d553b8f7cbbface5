package io.authbridge.it.harness;

import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.keycloak.admin.client.Keycloak;

/**
 * The one Keycloak server of a test run: started by the first test class that needs it, kept in JUnit's root
 * store, and stopped when the run ends (JUnit closes AutoCloseable store values), also after failures.
 */
public final class SharedKeycloak implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKeycloak.class);

    private final KeycloakDistribution server;
    private final Keycloak admin;

    private SharedKeycloak(KeycloakDistribution server) {
        this.server = server;
        this.admin = Keycloak.getInstance(server.baseUrl(), "master",
                KeycloakDistribution.ADMIN_USER, KeycloakDistribution.ADMIN_PASSWORD, "admin-cli");
    }

    public static SharedKeycloak get(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedKeycloak.class,
                key -> new SharedKeycloak(KeycloakDistribution.start("keycloak-server", List.of())), SharedKeycloak.class);
    }

    public KeycloakDistribution server() {
        return server;
    }

    public Keycloak admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
        server.close();
    }
}
