package io.authbridge.it.compat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one build of AuthBridge (compiled against Keycloak 26.0) links against the Keycloak distribution under test,
 * whichever 26 line it is ({@code -Dkeycloak.dist.version}): every Keycloak method, constructor and field the
 * providers use exists there with the same signature, and every Keycloak interface or abstract method they inherit is
 * implemented — the checks whose failure would be a {@code NoSuchMethodError}, {@code NoSuchFieldError} or
 * {@code AbstractMethodError} at request time. The running server confirms it: it loaded every provider and reports
 * no client-policy event the {@code ip-allowlist} executor does not classify.
 */
class KeycloakLineCompatibilityIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/ip-config.json");

    private static URLClassLoader keycloak;
    private static URLClassLoader providers;
    private static JavaClasses ours;

    @BeforeAll
    static void load() throws IOException {
        Path home = Path.of(System.getProperty("keycloak.home"));
        List<Path> keycloakJars = new ArrayList<>(jars(home.resolve("lib/lib/boot")));
        keycloakJars.addAll(jars(home.resolve("lib/lib/main")));
        keycloak = new URLClassLoader(urls(keycloakJars), ClassLoader.getPlatformClassLoader());
        List<Path> providerJars = jars(Path.of(System.getProperty("authbridge.providers.dir"))).stream()
                .filter(jar -> jar.getFileName().toString().startsWith("authbridge-")).toList();
        assertThat(providerJars).as("AuthBridge provider jars").isNotEmpty();
        providers = new URLClassLoader(urls(providerJars), keycloak);
        List<JarFile> jarFiles = new ArrayList<>();
        for (Path jar : providerJars) {
            jarFiles.add(new JarFile(jar.toFile()));
        }
        ours = new ClassFileImporter().importJars(jarFiles);
    }

    @AfterAll
    static void close() throws IOException {
        providers.close();
        keycloak.close();
    }

    @Test
    void everyKeycloakMemberTheProvidersUseExistsInThisDistribution() {
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (JavaClass javaClass : ours) {
            for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
                AccessTarget target = access.getTarget();
                if (!target.getOwner().getName().startsWith("org.keycloak.")) {
                    continue;
                }
                checked++;
                if (!resolves(target)) {
                    missing.add(target.getFullName() + " (used by " + javaClass.getName() + ")");
                }
            }
        }
        assertThat(checked).as("Keycloak members used").isGreaterThan(500);
        assertThat(missing).as("Keycloak members missing or changed in " + version()).isEmpty();
    }

    @Test
    void everyInheritedKeycloakMethodIsImplemented() throws ClassNotFoundException {
        Set<String> unimplemented = new TreeSet<>();
        for (JavaClass javaClass : ours) {
            if (javaClass.getModifiers().contains(JavaModifier.ABSTRACT) || javaClass.isInterface()) {
                continue;
            }
            Class<?> type = Class.forName(javaClass.getName(), false, providers);
            for (Method method : type.getMethods()) {
                if (Modifier.isAbstract(method.getModifiers())) {
                    unimplemented.add(type.getName() + " lacks " + method);
                }
            }
            for (Class<?> superclass = type.getSuperclass(); superclass != null; superclass = superclass.getSuperclass()) {
                for (Method method : superclass.getDeclaredMethods()) {
                    if (Modifier.isAbstract(method.getModifiers()) && !implemented(type, method)) {
                        unimplemented.add(type.getName() + " lacks " + method);
                    }
                }
            }
        }
        assertThat(unimplemented).as("abstract Keycloak methods not implemented in " + version()).isEmpty();
    }

    @Test
    void theServerLoadedEveryProviderAndKnowsEveryClientPolicyEvent() throws IOException {
        String log = Files.readString(realm.server().logFile());
        assertThat(log).doesNotContain("this Keycloak raises client-policy events AuthBridge does not know");
        assertThat(log).doesNotContainPattern("(NoSuchMethodError|NoSuchFieldError|AbstractMethodError|NoClassDefFoundError"
                + "|ClassNotFoundException|IncompatibleClassChangeError)");
    }

    private static boolean resolves(AccessTarget target) {
        Class<?> owner;
        try {
            owner = Class.forName(target.getOwner().getName(), false, keycloak);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        if (target instanceof AccessTarget.FieldAccessTarget field) {
            return hierarchy(owner).flatMap(c -> Arrays.stream(c.getDeclaredFields()))
                    .anyMatch(f -> f.getName().equals(field.getName())
                            && f.getType().getName().equals(field.getRawType().getName()));
        }
        List<String> parameters = ((AccessTarget.CodeUnitAccessTarget) target).getRawParameterTypes().stream()
                .map(JavaClass::getName).toList();
        if (target instanceof AccessTarget.ConstructorCallTarget || target instanceof AccessTarget.ConstructorReferenceTarget) {
            return Arrays.stream(owner.getDeclaredConstructors()).anyMatch(c -> sameParameters(c, parameters));
        }
        String returnType = ((AccessTarget.CodeUnitAccessTarget) target).getRawReturnType().getName();
        return hierarchy(owner).flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .anyMatch(m -> m.getName().equals(target.getName()) && sameParameters(m, parameters)
                        && m.getReturnType().getName().equals(returnType));
    }

    private static boolean implemented(Class<?> type, Method abstractMethod) {
        for (Class<?> c = type; c != null && c != abstractMethod.getDeclaringClass(); c = c.getSuperclass()) {
            try {
                Method found = c.getDeclaredMethod(abstractMethod.getName(), abstractMethod.getParameterTypes());
                if (!Modifier.isAbstract(found.getModifiers())) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return false;
    }

    private static boolean sameParameters(Executable executable, List<String> parameters) {
        return Arrays.stream(executable.getParameterTypes()).map(Class::getName).toList().equals(parameters);
    }

    /** The class, its superclasses and all their interfaces. */
    private static Stream<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        collect(type, all);
        return all.stream();
    }

    private static void collect(Class<?> type, List<Class<?>> all) {
        if (type == null || all.contains(type)) {
            return;
        }
        all.add(type);
        collect(type.getSuperclass(), all);
        for (Class<?> implemented : type.getInterfaces()) {
            collect(implemented, all);
        }
    }

    private static String version() {
        return "Keycloak " + Optional.ofNullable(System.getProperty("keycloak.dist.version")).orElse("?");
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static URL[] urls(List<Path> jars) {
        return jars.stream().map(jar -> {
            try {
                return jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
    }
}
