package io.authbridge.common.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed seed inputs of one fuzz target: the files of the test resource folder {@code fuzz/<target>/} of the
 * module under test, sorted by name, each one input exactly as stored (no trailing newline is added or removed).
 * <p>
 * The fuzz properties mix them into their generators ({@link Gen}) and the Jazzer fuzz tests replay them and
 * start from them ({@code @MethodSource}). A finding worth keeping is added to that folder as a new file.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {
    }

    /** The seeds of {@code target} as bytes. */
    public static List<byte[]> bytes(String target) {
        try (Stream<Path> files = Files.list(folder(target))) {
            List<byte[]> seeds = files.filter(Files::isRegularFile).sorted().map(FuzzSeeds::read).toList();
            if (seeds.isEmpty()) {
                throw new IllegalStateException("no seed files in fuzz/" + target);
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seeds of all {@code targets}, for a Jazzer fuzz test's {@code @MethodSource}. */
    public static Stream<byte[]> stream(String... targets) {
        return Stream.of(targets).map(FuzzSeeds::bytes).flatMap(List::stream);
    }

    /** The seeds of {@code target} as text in {@code charset} (ISO-8859-1: one char per octet, as HTTP headers arrive). */
    public static List<String> text(String target, Charset charset) {
        return bytes(target).stream().map(seed -> new String(seed, charset)).toList();
    }

    /** The folder among the test class path's roots, not a tests-jar: every module keeps its own targets' seeds. */
    private static Path folder(String target) throws IOException {
        for (URL url : Collections.list(FuzzSeeds.class.getClassLoader().getResources("fuzz/" + target))) {
            if ("file".equals(url.getProtocol())) {
                try {
                    return Path.of(url.toURI());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(url.toString(), e);
                }
            }
        }
        throw new IllegalStateException("no test resource folder fuzz/" + target);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
