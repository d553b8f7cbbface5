package io.authbridge.common;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormUrlEncodedTest {

    private static Map<String, List<String>> parse(String body) {
        return FormUrlEncoded.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesAndValuesInOrder() {
        assertThat(parse("client_id=tv-app&scope=openid+profile&scope=email"))
                .containsExactly(Map.entry("client_id", List.of("tv-app")), Map.entry("scope", List.of("openid profile", "email")));
    }

    @Test
    void decodesPercentEscapesAfterSplitting() {
        assertThat(parse("a%26b=c%3Dd&note=gr%C3%BC%C3%9Fe")).containsExactly(
                Map.entry("a&b", List.of("c=d")), Map.entry("note", List.of("grüße")));
    }

    @Test
    void rawUtf8IsKept() {
        assertThat(parse("note=grüße")).containsEntry("note", List.of("grüße"));
    }

    @Test
    void missingValuesAndEmptyPairs() {
        assertThat(parse("&flag&empty=&&x=1&")).containsExactly(
                Map.entry("flag", List.of("")), Map.entry("empty", List.of("")), Map.entry("x", List.of("1")));
    }

    @Test
    void emptyBody() {
        assertThat(FormUrlEncoded.parse(new byte[0])).isEmpty();
        assertThat(FormUrlEncoded.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%4", "a=%zz", "%=1"})
    void malformedEscapesAreRefused(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooManyParametersAreRefused() {
        String body = "a=1&".repeat(FormUrlEncoded.MAX_PARAMETERS) + "b=2";
        assertThatThrownBy(() -> parse(body)).isInstanceOf(IllegalArgumentException.class);
        assertThat(parse("a=1&".repeat(FormUrlEncoded.MAX_PARAMETERS)).get("a")).hasSize(FormUrlEncoded.MAX_PARAMETERS);
    }

    @Test
    void theCharsetComesFromTheContentTypeParameterAndDefaultsToUtf8() {
        byte[] latin1 = "name=%E4".getBytes(StandardCharsets.US_ASCII);

        assertThat(FormUrlEncoded.parse(latin1, "ISO-8859-1")).containsEntry("name", List.of("\u00e4"));
        assertThat(FormUrlEncoded.parse("name=%C3%A4".getBytes(StandardCharsets.US_ASCII), (String) null))
                .containsEntry("name", List.of("\u00e4"));
        assertThatThrownBy(() -> FormUrlEncoded.parse(latin1, "no-such-charset"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unsupported charset");
    }
}
