package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LegacySignedMessagesTest {

    @Test
    void aPrettyPrintedBodyYieldsItsMinifiedFormAndBothCanonicalForms() {
        assertThat(strings(LegacySignedMessages.candidates("{\n  \"timestamp\": 1736340044000,\n  \"x\": 1\n}", "1736340044000")))
                .containsExactly("{\"timestamp\":1736340044000,\"x\":1}", "{\"timestamp\":\"1736340044000\"}",
                        "{\"timestamp\":1736340044000}");
    }

    @Test
    void candidatesAreDistinct() {
        assertThat(strings(LegacySignedMessages.candidates("{ \"timestamp\": \"1736340044000\" }", "1736340044000")))
                .containsExactly("{\"timestamp\":\"1736340044000\"}", "{\"timestamp\":1736340044000}");
    }

    @Test
    void withoutABodyOnlyTheCanonicalForms() {
        assertThat(strings(LegacySignedMessages.candidates(null, "42")))
                .containsExactly("{\"timestamp\":\"42\"}", "{\"timestamp\":42}");
    }

    private static List<String> strings(List<byte[]> messages) {
        return messages.stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList();
    }
}
