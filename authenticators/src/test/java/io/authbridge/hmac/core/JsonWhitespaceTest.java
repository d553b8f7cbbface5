package io.authbridge.hmac.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWhitespaceTest {

    @Test
    void minifiesTheLegacyCurlExamplesBody() {
        assertThat(JsonWhitespace.minify("{\n    \"timestamp\": 1736340044000\n}")).isEqualTo("{\"timestamp\":1736340044000}");
        assertThat(JsonWhitespace.minify("{\r\n\t\"timestamp\" : \"1736340044000\"\r\n}\n")).isEqualTo("{\"timestamp\":\"1736340044000\"}");
    }

    @Test
    void keepsWhitespaceAndEscapesInsideStrings() {
        assertThat(JsonWhitespace.minify("{ \"a b\" : \"c \\\" d\" , \"e\":[ 1 , 2 ] }"))
                .isEqualTo("{\"a b\":\"c \\\" d\",\"e\":[1,2]}");
        assertThat(JsonWhitespace.minify("{\"x\": \"\\\\\" , \"y\": 1}")).isEqualTo("{\"x\":\"\\\\\",\"y\":1}");
    }

    @Test
    void keepsOrderAndNumberSpelling() {
        assertThat(JsonWhitespace.minify("{ \"z\": 1.50, \"a\": 1E3 }")).isEqualTo("{\"z\":1.50,\"a\":1E3}");
    }

    @Test
    void copiesAnUnterminatedStringToTheEnd() {
        assertThat(JsonWhitespace.minify("{\"a\": \"b c")).isEqualTo("{\"a\":\"b c");
        assertThat(JsonWhitespace.minify("\"\\")).isEqualTo("\"\\");
    }
}
