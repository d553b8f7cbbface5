package io.authbridge.ippolicy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.authbridge.common.fuzz.FuzzSeeds;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of the allow-list's text: address literals against the RFC 3986 reference, entries
 * and attributes parsed or refused cleanly, any client address answered. In the default build it replays the committed
 * seeds; {@code scripts/fuzz.sh} fuzzes it.
 */
class IpAllowListFuzzTest {

    static Stream<byte[]> seeds() {
        return FuzzSeeds.stream("ip-address-literal", "cidr-range", "ip-allow-list");
    }

    /** An address literal, an entry or a whole attribute: each text is tried as all three. */
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "2m")
    void allowListText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        IpAddressLiteralProperties.assertAcceptedIffRfc3986(text);
        CidrRangeProperties.assertParsedOrRefusedNamingIt(text);
        IpAllowListProperties.assertParsedOrRefusedAndAnswered(text);
    }
}
