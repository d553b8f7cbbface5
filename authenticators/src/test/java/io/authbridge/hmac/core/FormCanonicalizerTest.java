package io.authbridge.hmac.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormCanonicalizerTest {

    @Test
    void aSingleParameterIsTheBodyItself() {
        assertThat(FormCanonicalizer.canonical(Map.of("grant_type", List.of("client_credentials")))).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void sortsByNameThenValue() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("scope", List.of("b", "a"));
        form.put("grant_type", List.of("refresh_token"));
        form.put("refresh_token", List.of("eyJ.abc-_"));
        assertThat(FormCanonicalizer.canonical(form)).isEqualTo("grant_type=refresh_token&refresh_token=eyJ.abc-_&scope=a&scope=b");
    }

    @Test
    void percentEncodesAsRfc3986() {
        assertThat(FormCanonicalizer.canonical(Map.of("scope", List.of("openid profile")))).isEqualTo("scope=openid%20profile");
        assertThat(FormCanonicalizer.encode("a+b/c~é")).isEqualTo("a%2Bb%2Fc~%C3%A9");
    }

    @Test
    void anEmptyFormIsEmpty() {
        assertThat(FormCanonicalizer.canonical(Map.of())).isEmpty();
    }

    /** Exactly A–Z, a–z, 0–9 and -._~ stay as they are; their neighbours in ASCII are encoded. */
    @Test
    void theUnreservedRangesEndExactlyAtTheirBounds() {
        assertThat(FormCanonicalizer.encode("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(FormCanonicalizer.encode("@[`{/:")).isEqualTo("%40%5B%60%7B%2F%3A");
    }
}
