package io.authbridge.it.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.Slices;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * AuthBridge's architecture (docs: DESIGN.md, "Layout"), checked on the provider modules' built main classes — the
 * jars (or classes folders) of common, ip-policy, authenticators and token-exchange, which this module depends on.
 * Test classes, {@code io.authbridge.it} and {@code io.authbridge.benchmarks} are not analysed.
 */
@AnalyzeClasses(
        locations = ArchitectureTest.ProviderModules.class,
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.ProviderPackagesOnly.class})
class ArchitectureTest {

    /** One main class per provider module: where it is found on the test classpath is that module's root. */
    private static final List<String> MODULE_MARKERS = List.of(
            "io/authbridge/common/ClientSecrets.class",
            "io/authbridge/ippolicy/CidrRange.class",
            "io/authbridge/digest/core/DigestAlgorithm.class",
            "io/authbridge/exchange/core/CorsHeaders.class");

    private static final String CORE = "io.authbridge..core..";
    private static final String COMMON = "io.authbridge.common..";
    private static final String PROVIDER_FACTORY = "org.keycloak.provider.ProviderFactory";

    /** The pure CIDR code of ip-policy (no package of its own, so named here). */
    private static final Set<String> PURE_CIDR_CLASSES = Set.of(
            "io.authbridge.ippolicy.CidrRange",
            "io.authbridge.ippolicy.IpAddressLiteral",
            "io.authbridge.ippolicy.IpAllowList");

    /** The Java SE API: what the java.* modules of the running JDK export to everyone. */
    private static final Set<String> JDK_PACKAGES = ModuleFinder.ofSystem().findAll().stream()
            .map(ModuleReference::descriptor)
            .filter(module -> module.name().startsWith("java."))
            .flatMap(module -> module.exports().stream())
            .filter(exports -> !exports.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toUnmodifiableSet());

    private static final DescribedPredicate<JavaClass> JDK = DescribedPredicate.describe(
            "the JDK (java.* modules)", javaClass -> {
                JavaClass type = javaClass.getBaseComponentType();
                return type.isPrimitive() || JDK_PACKAGES.contains(type.getPackageName());
            });

    private static final DescribedPredicate<JavaClass> CORE_CODE = DescribedPredicate.describe(
            "a class in a ..core package", javaClass -> resideInAPackage(CORE).test(javaClass.getBaseComponentType()));

    private static final DescribedPredicate<JavaClass> PURE_CIDR_CODE = DescribedPredicate.describe(
            "the CIDR code " + new TreeSet<>(PURE_CIDR_CLASSES), javaClass -> {
                String name = javaClass.getBaseComponentType().getName();
                int nested = name.indexOf('$');
                return PURE_CIDR_CLASSES.contains(nested < 0 ? name : name.substring(0, nested));
            });

    // Rule 1: pure logic has no server types, so it can be unit-tested and fuzzed on its own.

    @ArchTest
    static final ArchRule core_packages_depend_only_on_the_jdk_and_other_core_packages =
            classes().that().resideInAPackage(CORE)
                    .should().onlyDependOnClassesThat(JDK.or(CORE_CODE))
                    .because("…core packages hold pure logic (parsers, signature checks): JDK and other core packages only");

    @ArchTest
    static final ArchRule core_packages_use_no_keycloak_jakarta_jboss_quarkus_or_vertx_types =
            noClasses().that().resideInAPackage(CORE)
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.keycloak..", "jakarta..", "javax.ws.rs..", "org.jboss..", "io.quarkus..", "io.vertx..",
                            "io.smallrye..", "io.netty..", "org.infinispan..");

    @ArchTest
    static final ArchRule the_cidr_code_is_pure =
            classes().that(PURE_CIDR_CODE)
                    .should().onlyDependOnClassesThat(JDK.or(PURE_CIDR_CODE).or(CORE_CODE))
                    .because("CIDR matching is pure logic like the …core packages");

    @ArchTest
    static void every_named_pure_cidr_class_exists(JavaClasses classes) {
        assertThat(PURE_CIDR_CLASSES).allSatisfy(name -> assertThat(classes.contain(name)).as(name).isTrue());
    }

    // Rule 2: no package cycles; "(**)" captures the whole package name, so each package is a slice of its own.

    @ArchTest
    static final ArchRule no_cycles_between_packages =
            slices().matching("io.authbridge.(**)").should().beFreeOfCycles();

    /**
     * javac inlines a {@code static final String} but keeps its class in the constant pool, where jdeps (and the JVM's
     * view of the jar) sees the dependency and ArchUnit does not: the same rule on jdeps' package graph.
     */
    @ArchTest
    static void no_cycles_between_packages_in_the_jdeps_graph(JavaClasses classes) {
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:package"));
        moduleRoots().forEach(root -> args.add(pathOf(root).toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ToolProvider.findFirst("jdeps").orElseThrow()
                .run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(exit).as("jdeps %s: %s", args, err).isZero();

        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        Map<String, Set<String>> graph = new TreeMap<>();
        Pattern edge = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");
        out.toString().lines().map(edge::matcher).filter(Matcher::find)
                .filter(m -> packages.contains(m.group(1)) && packages.contains(m.group(2)))
                .forEach(m -> graph.computeIfAbsent(m.group(1), p -> new TreeSet<>()).add(m.group(2)));
        assertThat(graph).as("jdeps' package graph").containsKey("io.authbridge.digest");

        Set<String> cycles = new TreeSet<>();
        graph.forEach((from, targets) -> targets.forEach(to -> {
            List<String> back = path(graph, to, from);
            if (!back.isEmpty()) {
                cycles.add(from + " -> " + String.join(" -> ", back));
            }
        }));
        assertThat(cycles).as("package cycles in jdeps -verbose:package").isEmpty();
    }

    /** The shortest path from one package to another (both included), empty when there is none. */
    private static List<String> path(Map<String, Set<String>> graph, String from, String to) {
        Map<String, String> previous = new TreeMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
        previous.put(from, from);
        while (!queue.isEmpty()) {
            String current = queue.poll();
            if (current.equals(to)) {
                List<String> path = new ArrayList<>(List.of(to));
                for (String at = to; !at.equals(from); at = previous.get(at)) {
                    path.add(0, previous.get(at));
                }
                return path;
            }
            for (String next : graph.getOrDefault(current, Set.of())) {
                if (previous.putIfAbsent(next, current) == null) {
                    queue.add(next);
                }
            }
        }
        return List.of();
    }

    @ArchTest
    static void each_package_is_a_slice_of_its_own(JavaClasses classes) {
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        List<String> slices = new ArrayList<>();
        for (Slice slice : Slices.matching("io.authbridge.(**)").transform(classes)) {
            slices.add(slice.getNamePart(1));
        }
        assertThat(slices).doesNotHaveDuplicates().hasSize(packages.size());
        assertThat(packages).contains("io.authbridge.digest", "io.authbridge.digest.core", "io.authbridge.hmac.core");
    }

    // Rule 3: features (the top-level packages io.authbridge.<feature>: ippolicy, digest, hmac, exchange, and any
    // other) reach each other only through common; digest and hmac share a module but are separate features.

    @ArchTest
    static final ArchRule features_depend_on_each_other_only_through_common =
            slices().matching("io.authbridge.(*)..").namingSlices("feature $1")
                    .should().notDependOnEachOther()
                    .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(COMMON))
                    .because("modules and features reach each other only through io.authbridge.common");

    @ArchTest
    static void the_four_features_and_common_are_analysed(JavaClasses classes) {
        assertThat(classes.stream().map(c -> c.getPackageName().split("\\.")[2]).collect(Collectors.toSet()))
                .contains("common", "ippolicy", "digest", "hmac", "exchange");
    }

    // Rule 4: every concrete provider factory has its PROVIDER_ID constant and is registered in its module.

    @ArchTest
    static final ArchRule provider_factories_declare_a_provider_id =
            classes().that().implement(PROVIDER_FACTORY).and().doNotHaveModifier(JavaModifier.ABSTRACT)
                    .should(declarePublicStaticFinalString("PROVIDER_ID"));

    @ArchTest
    static void provider_factories_are_listed_in_their_modules_service_files(JavaClasses classes) throws IOException {
        Map<String, Set<String>> registered = new TreeMap<>(); // "root|service interface" -> implementations
        for (URI root : moduleRoots()) {
            serviceFiles(root).forEach((service, implementations) -> registered.put(root + "|" + service, implementations));
        }
        List<JavaClass> factories = classes.stream()
                .filter(c -> !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .filter(c -> c.isAssignableTo(PROVIDER_FACTORY))
                .toList();

        List<String> unlisted = new ArrayList<>();
        for (JavaClass factory : factories) {
            URI root = rootOf(factory);
            boolean listed = factory.getAllRawInterfaces().stream()
                    .filter(service -> service.isAssignableTo(PROVIDER_FACTORY))
                    .anyMatch(service -> registered.getOrDefault(root + "|" + service.getName(), Set.of())
                            .contains(factory.getName()));
            if (!listed) {
                unlisted.add(factory.getName() + " (in " + root + ")");
            }
        }
        assertThat(unlisted).as("provider factories not in a META-INF/services file of their module").isEmpty();

        // The other way round, which also shows ArchUnit saw the Keycloak type hierarchy: every entry is one of them.
        List<String> entries = new ArrayList<>();
        registered.forEach((key, implementations) -> implementations.forEach(name -> entries.add(key + " -> " + name)));
        assertThat(entries).isNotEmpty().allSatisfy(entry -> {
            String service = entry.substring(entry.indexOf('|') + 1, entry.indexOf(" -> "));
            String name = entry.substring(entry.indexOf(" -> ") + 4);
            assertThat(factories).as(entry).anySatisfy(factory -> {
                assertThat(factory.getName()).isEqualTo(name);
                assertThat(factory.isAssignableTo(service)).isTrue();
            });
        });
    }

    private static ArchCondition<JavaClass> declarePublicStaticFinalString(String fieldName) {
        return new ArchCondition<>("declare a public static final String " + fieldName) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean declared = javaClass.getFields().stream()
                        .filter(field -> field.getName().equals(fieldName))
                        .anyMatch(field -> field.getModifiers().containsAll(
                                Set.of(JavaModifier.PUBLIC, JavaModifier.STATIC, JavaModifier.FINAL))
                                && field.getRawType().isEquivalentTo(String.class));
                events.add(new SimpleConditionEvent(javaClass, declared, javaClass.getName()
                        + (declared ? " declares " : " does not declare ") + "public static final String " + fieldName));
            }
        };
    }

    // The provider modules on the test classpath.

    /** The roots (jar or classes folder) of the provider modules, one per module. */
    static List<URI> moduleRoots() {
        List<URI> roots = new ArrayList<>();
        for (String marker : MODULE_MARKERS) {
            try {
                List<URL> found = Collections.list(ArchitectureTest.class.getClassLoader().getResources(marker));
                if (found.size() != 1) {
                    throw new IllegalStateException(marker + " should be on the test classpath once, found " + found);
                }
                String url = found.get(0).toString();
                roots.add(URI.create(url.substring(0, url.length() - marker.length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (roots.stream().distinct().count() != MODULE_MARKERS.size()) {
            throw new IllegalStateException("the provider modules should have a root each: " + roots);
        }
        return roots;
    }

    /** A root's file: the jar for jar:file:…!/, else the classes folder. */
    private static Path pathOf(URI root) {
        String uri = root.toString();
        return uri.startsWith("jar:") ? Path.of(URI.create(uri.substring(4, uri.lastIndexOf("!/")))) : Path.of(root);
    }

    private static URI rootOf(JavaClass javaClass) {
        String uri = javaClass.getSource().orElseThrow().getUri().toString();
        String file = javaClass.getName().replace('.', '/') + ".class";
        if (!uri.endsWith(file)) {
            throw new IllegalStateException("unexpected location " + uri + " of " + javaClass.getName());
        }
        return URI.create(uri.substring(0, uri.length() - file.length()));
    }

    /** A module's META-INF/services files: service interface -> the implementations listed. */
    private static Map<String, Set<String>> serviceFiles(URI root) throws IOException {
        if ("jar".equals(root.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
                return serviceFiles(jar.getPath("/"));
            }
        }
        return serviceFiles(Path.of(root));
    }

    private static Map<String, Set<String>> serviceFiles(Path root) throws IOException {
        Path services = root.resolve("META-INF/services");
        Map<String, Set<String>> files = new TreeMap<>();
        if (!Files.isDirectory(services)) {
            return files;
        }
        try (Stream<Path> list = Files.list(services)) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Set<String> names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .map(line -> line.replaceFirst("#.*", "").trim())
                            .filter(line -> !line.isEmpty())
                            .collect(Collectors.toCollection(TreeSet::new));
                    files.put(file.getFileName().toString(), names);
                }
            }
        }
        return files;
    }

    /** ArchUnit imports exactly the provider modules' roots. */
    public static final class ProviderModules implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return moduleRoots().stream().map(Location::of).collect(Collectors.toSet());
        }
    }

    /** Only AuthBridge's own packages, never the integration tests' or the benchmarks'. */
    public static final class ProviderPackagesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return location.contains("/io/authbridge/")
                    && !location.contains("/io/authbridge/it/")
                    && !location.contains("/io/authbridge/benchmarks/");
        }
    }
}
