package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link LegacySignedMessages}: the minified body, then both timestamp forms, each once. */
class LegacySignedMessagesProperties {

    /** A body as partners send it: the legacy example spaced at random, another JSON text, any text, or none. */
    private record Request(String body, String timestamp) {
    }

    private static final Gen<String> ANY_BODY = Gen.around(FuzzSeeds.text("json-body", StandardCharsets.UTF_8), "{}\": \n", 80);

    private static final Gen<Request> REQUEST = random -> {
        String timestamp = HmacGenerators.TIMESTAMP.next(random);
        String body = Gen.oneOf(
                Gen.of("{\n    \"timestamp\": " + timestamp + "\n}", "{\"timestamp\" : \"" + timestamp + "\"}\r\n",
                        "\t{ \"timestamp\":\"" + timestamp + "\" }"),
                HmacGenerators.JSON.map(HmacGenerators.Json::spaced),
                ANY_BODY).orNull(20).next(random);
        return new Request(body, timestamp);
    };

    @Test
    void theMinifiedBodyThenBothTimestampFormsEachOnce() {
        forAll(REQUEST, request -> {
            List<String> expected = new ArrayList<>();
            if (request.body() != null) {
                expected.add(JsonWhitespace.minify(request.body()));
            }
            for (String form : List.of("{\"timestamp\":\"" + request.timestamp() + "\"}", "{\"timestamp\":" + request.timestamp() + "}")) {
                if (!expected.contains(form)) {
                    expected.add(form);
                }
            }

            // Compared as UTF-8 octets, what is signed (a body with a lone surrogate has no other form).
            assertThat(LegacySignedMessages.candidates(request.body(), request.timestamp()))
                    .map(HexFormat.of()::formatHex)
                    .containsExactlyElementsOf(expected.stream().map(m -> HexFormat.of().formatHex(m.getBytes(StandardCharsets.UTF_8))).toList())
                    .doesNotHaveDuplicates();
        });
    }
}
