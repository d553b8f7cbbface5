package io.authbridge.hmac.core;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.authbridge.common.FormUrlEncoded;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FormCanonicalizer}: the same form in any order gives the same text, which decodes back to exactly the form's
 * pairs, percent-encoded as RFC 3986 §2.3 says, and is its own canonical form once parsed again.
 */
class FormCanonicalizerProperties {

    private record Pair(String name, String value) {
    }

    /** The pairs of a form, and a seed for the order a map may hand them over in. */
    private record Form(List<Pair> pairs, long order) {

        Map<String, List<String>> asMap() {
            Random random = new Random(order);
            List<Pair> shuffled = new ArrayList<>(pairs);
            Collections.shuffle(shuffled, random);
            Map<String, List<String>> form = new LinkedHashMap<>();
            shuffled.forEach(p -> form.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value()));
            return form;
        }
    }

    private static final Gen<String> TEXT = Gen.oneOf(Gen.of("grant_type", "client_credentials", "refresh_token", "scope", ""),
            Gen.strings(Gen.chars("aAzZ09-._~ +*&=%/\u00e9"), 0, 10), Gen.text(cp -> true, 0, 8));

    private static final Gen<Form> FORM = Gen.zip(Gen.zip(TEXT, TEXT, Pair::new).list(0, 8), Random::nextLong, Form::new);

    @Test
    void theOrderOfNamesAndValuesDoesNotMatter() {
        forAll(FORM, form -> assertThat(FormCanonicalizer.canonical(form.asMap()))
                .isEqualTo(FormCanonicalizer.canonical(new Form(form.pairs(), form.order() + 1).asMap())));
    }

    @Test
    void decodesBackToExactlyThePairsSortedByEncodedNameThenValue() {
        forAll(FORM, form -> {
            String canonical = FormCanonicalizer.canonical(form.asMap());
            assertThat(canonical).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*=([A-Za-z0-9._~-]|%[0-9A-F]{2})*"
                    + "(&([A-Za-z0-9._~-]|%[0-9A-F]{2})*=([A-Za-z0-9._~-]|%[0-9A-F]{2})*)*|");
            List<Pair> decoded = new ArrayList<>();
            for (String pair : canonical.isEmpty() ? new String[0] : canonical.split("&", -1)) {
                int eq = pair.indexOf('=');
                decoded.add(new Pair(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
            }
            List<Pair> sorted = new ArrayList<>(form.pairs());
            sorted.sort(Comparator.<Pair, String>comparing(p -> FormCanonicalizer.encode(p.name()))
                    .thenComparing(p -> FormCanonicalizer.encode(p.value())));
            assertThat(decoded).containsExactlyElementsOf(sorted);
        });
    }

    /** RFC 3986 §2.3 by way of the JDK's form encoder: space as %20, '*' encoded, '~' not. */
    @Test
    void encodesAsRfc3986() {
        forAll(TEXT, text -> assertThat(FormCanonicalizer.encode(text)).isEqualTo(URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~")));
    }

    /** What the token endpoint hashes is stable: the canonical text, parsed as a form again, canonicalises to itself. */
    @Test
    void theCanonicalFormIsItsOwnCanonicalForm() {
        forAll(FORM, form -> {
            String canonical = FormCanonicalizer.canonical(form.asMap());
            assertThat(FormCanonicalizer.canonical(FormUrlEncoded.parse(canonical.getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo(canonical);
        });
    }
}
