package io.authbridge.common.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of inputs for the fuzz properties of the pure cores: one value from a random source. Small on purpose:
 * what those properties need and no more — there is no shrinking, a failure names its input and the seed that repeats
 * it ({@link FuzzProperty}). Numbers lean towards their bounds, where parsers and checks go wrong.
 */
@FunctionalInterface
public interface Gen<T> {

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> mapper) {
        return random -> mapper.apply(next(random)).next(random);
    }

    /** Values that pass {@code condition}; for conditions that most values pass. */
    default Gen<T> filter(Predicate<? super T> condition) {
        return random -> {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                T value = next(random);
                if (condition.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("the filter refuses almost every value");
        };
    }

    /** Null {@code percent} times in a hundred. */
    default Gen<T> orNull(int percent) {
        return random -> random.nextInt(100) < percent ? null : next(random);
    }

    default Gen<List<T>> list(int minSize, int maxSize) {
        return random -> {
            int size = ints(minSize, maxSize).next(random);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    static <A, B, R> Gen<R> zip(Gen<A> first, Gen<B> second, BiFunction<? super A, ? super B, ? extends R> combine) {
        return random -> combine.apply(first.next(random), second.next(random));
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        return random -> copy.get(random.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(Arrays.asList(values));
    }

    static <E extends Enum<E>> Gen<E> of(Class<E> type) {
        return of(type.getEnumConstants());
    }

    /** One of the generators, each as likely; list one several times to weight it. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        return random -> generators[random.nextInt(generators.length)].next(random);
    }

    static Gen<Boolean> booleans() {
        return Random::nextBoolean;
    }

    /** From {@code min} to {@code max} inclusive; one value in eight is a bound or next to one. */
    static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** From {@code min} to {@code max} inclusive; one value in eight is a bound or next to one. */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        return random -> {
            if (random.nextInt(8) == 0) {
                long[] edges = {min, Math.min(max, min + 1), Math.max(min, max - 1), max};
                return edges[random.nextInt(edges.length)];
            }
            if (max - min >= 0 && max - min < Long.MAX_VALUE) {
                return min + (long) (random.nextDouble() * (max - min + 1)) % (max - min + 1);
            }
            long value;
            do {
                value = random.nextLong();
            } while (value < min || value > max);
            return value;
        };
    }

    static Gen<byte[]> bytes(int minLength, int maxLength) {
        return random -> {
            byte[] bytes = new byte[ints(minLength, maxLength).next(random)];
            random.nextBytes(bytes);
            return bytes;
        };
    }

    /** A character of {@code alphabet}. */
    static Gen<Character> chars(String alphabet) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty alphabet");
        }
        return random -> alphabet.charAt(random.nextInt(alphabet.length()));
    }

    /** A character from {@code first} to {@code last} inclusive. */
    static Gen<Character> chars(char first, char last) {
        return random -> (char) (first + random.nextInt(last - first + 1));
    }

    /** Any UTF-16 unit, lone surrogates included. */
    static Gen<Character> anyChar() {
        return chars(Character.MIN_VALUE, Character.MAX_VALUE);
    }

    /** A Unicode scalar value (no surrogate code points): ASCII, Latin-1, the BMP and beyond, each as likely. */
    static Gen<Integer> codePoints() {
        return oneOf(ints(0, 0x7F), ints(0x80, 0xFF), ints(0x100, 0xD7FF), ints(0xE000, 0xFFFF),
                ints(0x10000, Character.MAX_CODE_POINT));
    }

    static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return chars.list(minLength, maxLength).map(list -> {
            StringBuilder text = new StringBuilder(list.size());
            list.forEach(text::append);
            return text.toString();
        });
    }

    /** Text of whole code points (valid UTF-16, so it has a UTF-8 form) that {@code allowed} lets through. */
    static Gen<String> text(Predicate<Integer> allowed, int minCodePoints, int maxCodePoints) {
        return codePoints().filter(allowed::test).list(minCodePoints, maxCodePoints).map(list -> {
            StringBuilder text = new StringBuilder(list.size());
            list.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    /**
     * Fuzz input around {@code seeds}: a seed as it is (1 in 8), a seed after one to four random edits (5 in 8), or
     * noise of up to {@code maxLength} characters (2 in 8). Edits insert, replace, delete, cut off or repeat a slice;
     * the characters they bring are those of {@code alphabet} three times in four, any UTF-16 unit otherwise.
     */
    static Gen<String> around(List<String> seeds, String alphabet, int maxLength) {
        Gen<Character> character = oneOf(chars(alphabet), chars(alphabet), chars(alphabet), anyChar());
        Gen<String> seed = of(seeds);
        Gen<String> edited = random -> {
            String text = seed.next(random);
            int edits = 1 + random.nextInt(4);
            for (int i = 0; i < edits; i++) {
                text = edit(random, text, strings(character, 0, 8).next(random));
            }
            return text.length() > maxLength ? text.substring(0, maxLength) : text;
        };
        Gen<String> noise = strings(character, 0, maxLength);
        return oneOf(seed, edited, edited, edited, edited, edited, noise, noise);
    }

    private static String edit(Random random, String text, String insert) {
        int at = random.nextInt(text.length() + 1);
        int end = Math.min(text.length(), at + random.nextInt(65));
        return switch (random.nextInt(5)) {
            case 0 -> text.substring(0, at) + insert + text.substring(at);
            case 1 -> text.substring(0, at) + insert + text.substring(Math.min(text.length(), at + insert.length()));
            case 2 -> text.substring(0, at) + text.substring(end);
            case 3 -> text.substring(0, at);
            default -> text.substring(0, end) + text.substring(at, end) + text.substring(end);
        };
    }
}
