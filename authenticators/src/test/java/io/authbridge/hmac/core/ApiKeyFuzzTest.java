package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.authbridge.common.fuzz.FuzzSeeds;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of what an API-key client sends and an admin writes, checked with the properties'
 * assertions. In the default build each method replays its committed seeds; {@code scripts/fuzz.sh} fuzzes them.
 */
class ApiKeyFuzzTest {

    static Stream<byte[]> jsonBodySeeds() {
        return FuzzSeeds.stream("json-body");
    }

    static Stream<byte[]> tenantListSeeds() {
        return FuzzSeeds.stream("tenant-list");
    }

    /** The request body as received (UTF-8): what the legacy signature is computed over once minified. */
    @MethodSource("jsonBodySeeds")
    @FuzzTest(maxDuration = "2m")
    void jsonBody(byte[] body) {
        JsonWhitespaceProperties.assertMinifyRules(new String(body, StandardCharsets.UTF_8));
    }

    /** The authbridge.tenants attribute, and a tenant header to ask it about (after the last line feed, if any). */
    @MethodSource("tenantListSeeds")
    @FuzzTest(maxDuration = "2m")
    void tenantList(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int split = text.lastIndexOf('\n');
        TenantListProperties.assertAllowsOnlyWellFormedIdsWrittenIn(text, split < 0 ? "acme" : text.substring(split + 1));
    }
}
