package io.authbridge.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link FormUrlEncoded#parse(byte[])}: what a client encodes comes back; anything else parses or is refused cleanly. */
class FormUrlEncodedProperties {

    private record Pair(String name, String value) {
    }

    /** A form as a client may write it: pairs in order, each char escaped or not as an encoder may choose. */
    private record Form(List<Pair> pairs, String body) {
    }

    private static final Gen<String> TEXT = Gen.oneOf(
            Gen.strings(Gen.chars("abcXYZ019 &=%+-._~*/?#"), 0, 12),
            Gen.text(cp -> true, 0, 12));

    private static final Gen<Form> FORM = random -> {
        List<Pair> pairs = Gen.zip(TEXT, TEXT, Pair::new).list(0, 8).next(random);
        List<String> encoded = new ArrayList<>();
        for (Pair pair : pairs) {
            encoded.add(encode(random, pair.name()) + "=" + encode(random, pair.value()));
        }
        return new Form(pairs, String.join("&", encoded));
    };

    @Test
    void decodesWhatAClientEncoded() {
        forAll(FORM, form -> {
            Map<String, List<String>> expected = new LinkedHashMap<>();
            form.pairs().forEach(p -> expected.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value()));

            assertThat(FormUrlEncoded.parse(form.body().getBytes(StandardCharsets.UTF_8)))
                    .containsExactlyEntriesOf(expected);
        });
    }

    @Test
    void anyBodyParsesOrIsRefusedAsMalformed() {
        Gen<byte[]> bodies = Gen.oneOf(
                Gen.around(FuzzSeeds.text("form-urlencoded", StandardCharsets.ISO_8859_1), "&=%+0123456789abcdefABCDEF", 400)
                        .map(text -> text.getBytes(StandardCharsets.UTF_8)),
                Gen.bytes(0, 64));
        forAll(bodies, body -> {
            try {
                Map<String, List<String>> form = FormUrlEncoded.parse(body);
                assertThat(form.values()).allSatisfy(values -> assertThat(values).isNotEmpty().doesNotContainNull());
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isIn("malformed percent-escape in form data",
                        "more than " + FormUrlEncoded.MAX_PARAMETERS + " form parameters");
            }
        });
    }

    @Test
    void countsNonEmptyPairsUpToTheLimit() {
        forAll(100, Gen.ints(0, 2 * FormUrlEncoded.MAX_PARAMETERS), count -> {
            String body = "&" + "a=1&".repeat(count) + "&";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (count > FormUrlEncoded.MAX_PARAMETERS) {
                assertThatIllegalArgumentException().isThrownBy(() -> FormUrlEncoded.parse(bytes));
            } else {
                assertThat(FormUrlEncoded.parse(bytes).getOrDefault("a", List.of())).hasSize(count);
            }
        });
    }

    /** Every char that must be escaped is; the others are escaped at random, a space as '+' or "%20". */
    private static String encode(Random random, String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String c = Character.toString(cp);
            boolean mustEscape = c.equals("&") || c.equals("=") || c.equals("%") || c.equals("+");
            if (mustEscape || random.nextInt(3) == 0) {
                out.append(URLEncoder.encode(c, StandardCharsets.UTF_8));
            } else if (c.equals(" ") && random.nextBoolean()) {
                out.append("%20");
            } else {
                out.append(c);
            }
        });
        return out.toString();
    }
}
