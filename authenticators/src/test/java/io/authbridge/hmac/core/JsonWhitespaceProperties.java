package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JsonWhitespace#minify}: removes exactly the RFC 8259 whitespace outside string literals and nothing else, so
 * the minified text is the same JSON value, and minifying twice changes nothing.
 */
class JsonWhitespaceProperties {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Gen<String> TEXT = Gen.around(FuzzSeeds.text("json-body", StandardCharsets.UTF_8),
            "{}[]\":,\\ \t\r\n0123456789.-eEtruefalsn", 200);

    @Test
    void removesExactlyTheWhitespaceBetweenTokens() {
        forAll(HmacGenerators.JSON, json -> assertThat(JsonWhitespace.minify(json.spaced())).isEqualTo(json.compact()));
    }

    @Test
    void minifyingTwiceChangesNothing() {
        forAll(TEXT, JsonWhitespaceProperties::assertMinifiedTwiceTheSame);
    }

    /** The result is the input less some of its SP, HTAB, LF and CR — never another character. */
    @Test
    void removesOnlyWhitespace() {
        forAll(TEXT, JsonWhitespaceProperties::assertRemovesOnlyWhitespace);
    }

    /** Whatever a strict JSON parser reads, it reads the same from the minified text. */
    @Test
    void aJsonParserReadsTheSameValue() {
        int[] json = {0};
        forAll(Gen.oneOf(TEXT, HmacGenerators.JSON.map(HmacGenerators.Json::spaced)), text -> {
            if (assertSameJsonValue(text)) {
                json[0]++;
            }
        });
        assertThat(json[0]).as("inputs that were JSON").isPositive();
    }

    /** Every rule above for one text: for the fuzz test. */
    static void assertMinifyRules(String text) {
        assertMinifiedTwiceTheSame(text);
        assertRemovesOnlyWhitespace(text);
        assertSameJsonValue(text);
    }

    static void assertMinifiedTwiceTheSame(String text) {
        assertThat(JsonWhitespace.minify(JsonWhitespace.minify(text))).isEqualTo(JsonWhitespace.minify(text));
    }

    static void assertRemovesOnlyWhitespace(String text) {
        String minified = JsonWhitespace.minify(text);
        int kept = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (kept < minified.length() && minified.charAt(kept) == c) {
                kept++;
            } else {
                assertThat(" \t\n\r").as("removed char at %d", i).contains(String.valueOf(c));
            }
        }
        assertThat(kept).isEqualTo(minified.length());
    }

    /** @return whether the text was JSON at all (only then is there something to compare) */
    static boolean assertSameJsonValue(String text) {
        JsonNode value;
        try {
            value = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (value == null || value.isMissingNode()) {
            return false;
        }
        try {
            assertThat(STRICT.readTree(JsonWhitespace.minify(text))).isEqualTo(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError("minified text no longer JSON: " + e.getOriginalMessage());
        }
        return true;
    }
}
