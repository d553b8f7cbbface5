package io.authbridge.hmac.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.authbridge.common.fuzz.Gen;

/** Generators for the API-key properties: JSON bodies with and without whitespace, timestamps, secrets, tenant ids. */
final class HmacGenerators {

    private HmacGenerators() {
    }

    /** A JSON text written twice: without whitespace, and with RFC 8259 whitespace around every token. */
    record Json(String compact, String spaced) {
    }

    static final Gen<Json> JSON = random -> {
        List<String> tokens = new ArrayList<>();
        value(random, tokens, 0);
        StringBuilder spaced = new StringBuilder(whitespace(random));
        for (String token : tokens) {
            spaced.append(token).append(whitespace(random));
        }
        return new Json(String.join("", tokens), spaced.toString());
    };

    /** Milliseconds since the epoch as the legacy clients send them: digits, at most 18. */
    static final Gen<String> TIMESTAMP = Gen.oneOf(Gen.longs(1_600_000_000_000L, 2_000_000_000_000L),
            Gen.longs(0, 999_999_999_999_999_999L)).map(String::valueOf);

    static final Gen<String> SECRET = Gen.oneOf(Gen.of("partner-secret-1", "new-secret", "a"),
            Gen.text(cp -> true, 1, 40), Gen.strings(Gen.chars('!', '~'), 1, 80));

    /** Printable ASCII without space or comma, up to the longest a tenant id may be. */
    static final Gen<String> TENANT = Gen.oneOf(Gen.strings(Gen.chars("acmeglobx-_.019AZ!~+"), 1, 12),
            Gen.strings(Gen.chars('!', '~').filter(c -> c != ','), 1, TenantList.MAX_TENANT_LENGTH));

    private static void value(Random random, List<String> tokens, int depth) {
        switch (random.nextInt(depth > 2 ? 3 : 5)) {
            case 0 -> tokens.add(Gen.of("0", "-1", "1736340044000", "12.5", "-0.25e+3", "1E9", "3e-7").next(random));
            case 1 -> tokens.add(string(random));
            case 2 -> tokens.add(Gen.of("true", "false", "null").next(random));
            case 3 -> {
                tokens.add("[");
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    if (i > 0) {
                        tokens.add(",");
                    }
                    value(random, tokens, depth + 1);
                }
                tokens.add("]");
            }
            default -> {
                tokens.add("{");
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    if (i > 0) {
                        tokens.add(",");
                    }
                    tokens.add(string(random));
                    tokens.add(":");
                    value(random, tokens, depth + 1);
                }
                tokens.add("}");
            }
        }
    }

    /** A string literal whose content has spaces, escapes (also of quotes and backslashes) and non-ASCII. */
    private static String string(Random random) {
        StringBuilder literal = new StringBuilder("\"");
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            literal.append(Gen.of(" ", "  ", "a", "timestamp", "\\\"", "\\\\", "\\n", "\\t", "\\u00e4", "\u00e4", "\u20ac", "\\/", ":", ",")
                    .next(random));
        }
        return literal.append('"').toString();
    }

    private static String whitespace(Random random) {
        return Gen.strings(Gen.chars(" \t\n\r"), 0, 3).next(random);
    }
}
