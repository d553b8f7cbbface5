package io.authbridge.it.install;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.authbridge.common.OAuthErrors;
import io.authbridge.digest.core.DigestCalculator;
import io.authbridge.exchange.core.ExchangeOriginPolicy;
import io.authbridge.ippolicy.CidrRange;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.info.SpiInfoRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented install (README "Install"): the one bundle jar in the server's {@code providers/} — the only
 * AuthBridge jar the test servers get — brings every AuthBridge provider, each under the SPI the admin console reads
 * it from.
 */
class BundleInstallIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/ip-config.json");

    @Test
    void theServerGetsTheBundleJarAndNoModuleJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("keycloak.home"), "providers"))) {
            List<String> shipped = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("authbridge-") && !name.contains("-it-support"))
                    .toList();
            assertThat(shipped).singleElement().asString().matches("authbridge-keycloak-[^-]+(-SNAPSHOT)?\\.jar");
        }
    }

    /** The bundle holds each module's classes as that module built them (a stale bundle would hide a change). */
    @Test
    void theBundleHoldsEveryModuleClassAsBuilt() throws IOException, URISyntaxException {
        Path bundle;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("keycloak.home"), "providers"))) {
            bundle = files.filter(p -> p.getFileName().toString().startsWith("authbridge-keycloak-")).findFirst().orElseThrow();
        }
        int compared = 0;
        try (JarFile bundled = new JarFile(bundle.toFile())) {
            for (Class<?> marker : List.of(OAuthErrors.class, CidrRange.class, DigestCalculator.class, ExchangeOriginPolicy.class)) {
                Path root = classesRoot(Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI()));
                try (Stream<Path> classes = Files.walk(root).filter(p -> p.toString().endsWith(".class"))) {
                    for (Path file : (Iterable<Path>) classes::iterator) {
                        String name = root.relativize(file).toString().replace('\\', '/');
                        JarEntry entry = bundled.getJarEntry(name);
                        assertThat(entry).as(name + " in " + bundle.getFileName()).isNotNull();
                        try (InputStream in = bundled.getInputStream(entry)) {
                            assertThat(in.readAllBytes()).as(name).isEqualTo(Files.readAllBytes(file));
                        }
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).as("classes compared").isGreaterThan(100);
    }

    /** A module's classes: its build directory (reactor) or its jar (local repository), as a file tree. */
    private static Path classesRoot(Path module) throws IOException {
        return Files.isDirectory(module) ? module : FileSystems.newFileSystem(module).getPath("/");
    }

    @Test
    void everyProviderIsRegisteredUnderItsSpi() {
        Map<String, SpiInfoRepresentation> spis = realm.adminClient().serverInfo().getInfo().getProviders();
        Map<String, List<String>> expected = Map.of(
                "authenticator", List.of("http-digest", "direct-grant-http-digest", "http-digest-enroll"),
                "client-authenticator", List.of("client-http-digest", "client-hmac-signature"),
                "credential", List.of("digest-ha1"),
                "required-action", List.of("http-digest-password"),
                "client-policy-executor", List.of("ip-allowlist"),
                "client-policy-condition", List.of("client-ip", "client-ids"),
                "realm-restapi-extension", List.of("digest", "api-key", "cookie-exchange"),
                "protocol-mapper", List.of("authbridge-api-key-tenant"),
                "admin-realm-restapi-extension", List.of("authbridge-digest"));
        expected.forEach((spi, ids) -> assertThat(spis.get(spi).getProviders().keySet()).as(spi).containsAll(ids));
    }
}
