package io.authbridge.common;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OAuthErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void errorAndDescription() {
        assertThat(OAuthErrors.json("invalid_request", "Missing parameter: client_id"))
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"Missing parameter: client_id\"}");
    }

    @Test
    void descriptionIsOptional() {
        assertThat(OAuthErrors.json("invalid_client", null)).isEqualTo("{\"error\":\"invalid_client\"}");
    }

    @Test
    void errorIsRequired() {
        assertThatThrownBy(() -> OAuthErrors.json(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OAuthErrors.json("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(OAuthErrors.json("e", "a\"b\\c\nd\re\tf\u0001g\bh\fi"))
                .isEqualTo("{\"error\":\"e\",\"error_description\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\bh\\fi\"}");
    }

    @Test
    void escapesCharactersUnsafeInScriptsAndHtml() {
        assertThat(OAuthErrors.json("e", "</script>\u2028\u2029"))
                .isEqualTo("{\"error\":\"e\",\"error_description\":\"\\u003c/script>\\u2028\\u2029\"}");
    }

    @Test
    void keepsNonAsciiTextAndReplacesLoneSurrogates() {
        assertThat(OAuthErrors.json("e", "Grüße \uD83D\uDE00")).isEqualTo("{\"error\":\"e\",\"error_description\":\"Grüße \uD83D\uDE00\"}");
        assertThat(OAuthErrors.json("e", "x\uD83Dy\uDE00")).isEqualTo("{\"error\":\"e\",\"error_description\":\"x\\ufffdy\\ufffd\"}");
    }

    /** Whatever the text, the body parses as JSON and gives the text back (lone surrogates aside). */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "quote \" and \\ backslash", "line\nbreak", "\u0000\u001f\u007f",
            "Requests from ::ffff:127.0.0.2 are not allowed", "ünïcødé ✓ \uD834\uDD1E", "{\"error\":\"forged\"}"})
    void roundTripsThroughAJsonParser(String description) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JSON.readValue(OAuthErrors.json("invalid_grant", description), Map.class);
        assertThat(parsed).containsExactly(Map.entry("error", (Object) "invalid_grant"), Map.entry("error_description", (Object) description));
    }
}
