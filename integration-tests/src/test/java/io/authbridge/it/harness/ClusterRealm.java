package io.authbridge.it.harness;

import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * A realm of the test class, imported through node A of the {@link KeycloakCluster} (so node B knows it only through
 * the shared database and the cluster's cache invalidations), with a unique name; removed afterwards.
 */
public final class ClusterRealm implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final String resource;
    private KeycloakCluster cluster;
    private String name;

    private ClusterRealm(String resource) {
        this.resource = resource;
    }

    public static ClusterRealm importedFrom(String resource) {
        return new ClusterRealm(resource);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = KeycloakCluster.get(context);
        RealmRepresentation realm = TestRealm.read(resource, RealmRepresentation.class);
        name = realm.getRealm() + "-" + UUID.randomUUID().toString().substring(0, 8);
        realm.setRealm(name);
        cluster.admin().realms().create(realm);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (name != null && cluster.node(0).isAlive()) {
            cluster.admin().realm(name).remove();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (KeycloakDistribution node : cluster.nodes()) {
            System.err.println("---- last lines of " + node.logFile() + " ----\n" + node.logTail(40));
        }
    }

    public String name() {
        return name;
    }

    public KeycloakCluster cluster() {
        return cluster;
    }

    public RealmResource admin() {
        return cluster.admin().realm(name);
    }

    /** {@code <node base>/realms/<name>} as seen from a client at the given loopback host. */
    public String url(int node, String host) {
        return cluster.node(node).baseUrl(host) + "/realms/" + name;
    }

    public String tokenEndpoint(int node, String host) {
        return url(node, host) + "/protocol/openid-connect/token";
    }
}
