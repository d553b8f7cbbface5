package io.authbridge.hmac.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyLoginResourceTest {

    static Stream<Arguments> timestampBodies() {
        return Stream.of(
                Arguments.of("{\"timestamp\":1736340044000}", "1736340044000"),
                Arguments.of("{\"timestamp\":\"1736340044000\"}", "1736340044000"),
                Arguments.of("{\n    \"timestamp\": 1736340044000\n}", "1736340044000"),
                Arguments.of("{\"other\":1,\"timestamp\":42}", "42"));
    }

    @ParameterizedTest
    @MethodSource("timestampBodies")
    void readsTheTimestampAsNumberOrString(String body, String digits) {
        assertThat(ApiKeyLoginResource.timestampOf(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(digits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "{}", "{\"timestamp\":null}", "{\"timestamp\":-1}", "{\"timestamp\":1.5}",
            "{\"timestamp\":\"12a\"}", "{\"timestamp\":\"\"}", "{\"timestamp\":true}", "{\"timestamp\":{}}", "{\"timestamp\":1",
            "timestamp=1"})
    void refusesAnyOtherBody(String body) {
        assertThat(ApiKeyLoginResource.timestampOf(body.getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
