package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.authbridge.common.fuzz.FuzzSeeds;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of what a Digest client sends, checked with the properties'
 * assertions. In the default build each method replays its committed seeds ({@code src/test/resources/fuzz/<target>/});
 * {@code scripts/fuzz.sh} fuzzes them for a while.
 */
class DigestFuzzTest {

    static Stream<byte[]> authorizationSeeds() {
        return FuzzSeeds.stream("digest-authorization");
    }

    static Stream<byte[]> nonceSeeds() {
        return FuzzSeeds.stream("digest-nonce");
    }

    /** The octets of an Authorization header, one char each, as servers hand it over. */
    @MethodSource("authorizationSeeds")
    @FuzzTest(maxDuration = "2m")
    void authorizationHeader(byte[] octets) {
        String header = new String(octets, StandardCharsets.ISO_8859_1);
        DigestAuthorizationParserProperties.readOrRefuse(header);
        DigestAuthorizationParserProperties.assertReadTheSameWhenWrittenAgain(header, new Random(octets.length));
    }

    @MethodSource("nonceSeeds")
    @FuzzTest(maxDuration = "2m")
    void nonce(byte[] octets) {
        DigestNonceCodecProperties.assertInvalid(new String(octets, StandardCharsets.ISO_8859_1));
    }
}
