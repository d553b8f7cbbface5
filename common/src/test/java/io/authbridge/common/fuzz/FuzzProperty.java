package io.authbridge.common.fuzz;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a property over generated inputs: {@code forAll(gen, property)} draws {@link #tries()} inputs and fails with
 * the first input the property refuses, the try and the seed that repeats the run.
 * <p>
 * {@code -Dfuzz.tries=N} sets the tries (the pom's {@code fuzz.tries}, 1000 in the default build), {@code
 * -Dfuzz.seed=S} fixes the seed (otherwise each run draws its own, so runs add up), {@code -Dfuzz.report=true}
 * prints one line per property: tries, seed and time, the figures of a fuzzing run.
 */
public final class FuzzProperty {

    private static final int DEFAULT_TRIES = 1000;

    private FuzzProperty() {
    }

    /** The tries of a property in this run. */
    public static int tries() {
        return Integer.getInteger("fuzz.tries", DEFAULT_TRIES);
    }

    public static <T> void forAll(Gen<T> gen, Consumer<? super T> property) {
        forAll(tries(), gen, property);
    }

    /** For a property whose input space is small or whose tries are slow: a share of the run's tries. */
    public static <T> void forAll(int tries, Gen<T> gen, Consumer<? super T> property) {
        Long fixedSeed = Long.getLong("fuzz.seed");
        long seed = fixedSeed != null ? fixedSeed : new SecureRandom().nextLong();
        Random random = new Random(seed);
        long start = System.nanoTime();
        for (int i = 1; i <= tries; i++) {
            T input = gen.next(random);
            try {
                property.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError("property refused try " + i + " of " + tries + " (repeat with -Dfuzz.seed="
                        + seed + "): " + failure.getMessage() + "\n  input: " + describe(input), failure);
            }
        }
        if (Boolean.getBoolean("fuzz.report")) {
            StackWalker.StackFrame caller = StackWalker.getInstance()
                    .walk(frames -> frames.filter(f -> !f.getClassName().equals(FuzzProperty.class.getName()))
                            .findFirst().orElseThrow());
            System.out.printf("fuzz %s.%s tries=%d seed=%d ms=%d%n", caller.getClassName(), caller.getMethodName(),
                    tries, seed, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The input as Java would write it: strings quoted with every non-printable char escaped, bytes in hex. */
    public static String describe(Object input) {
        if (input == null) {
            return "null";
        }
        if (input instanceof String text) {
            StringBuilder escaped = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    escaped.append('\\').append(c);
                } else if (c >= 0x20 && c < 0x7F) {
                    escaped.append(c);
                } else {
                    escaped.append(String.format("\\u%04x", (int) c));
                }
            }
            return escaped.append('"').toString();
        }
        if (input instanceof Number || input instanceof Boolean || input instanceof Enum<?>) {
            return input.toString();
        }
        if (input instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (input instanceof Collection<?> values) {
            return values.stream().map(FuzzProperty::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        if (input instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> describe(e.getKey()) + "=" + describe(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (input.getClass().isRecord()) {
            StringBuilder fields = new StringBuilder(input.getClass().getSimpleName()).append('[');
            RecordComponent[] components = input.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                fields.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
                try {
                    Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true); // a test's private record
                    fields.append(describe(accessor.invoke(input)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    fields.append('?');
                }
            }
            return fields.append(']').toString();
        }
        return describe(input.toString());
    }
}
