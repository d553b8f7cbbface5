package io.authbridge.digest.core;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Garbled, truncated and mutated headers from a fixed seed: the parser must either return credentials or throw
 * {@link DigestParseException} with a short ASCII message, never anything else.
 */
class DigestAuthorizationParserRobustnessTest {

    private static final long SEED = 0x7616_2617L;
    private static final int CASES = 20_000;

    private static final List<String> VALID_HEADERS = List.of(
            RfcExamples.RFC7616_SHA256,
            RfcExamples.RFC7616_MD5,
            RfcExamples.RFC7616_USERHASH,
            RfcExamples.RFC7616_USERNAME_STAR,
            RfcExamples.RFC2617,
            RfcExamples.RFC2069,
            RfcExamples.asReceived(RfcExamples.RFC7616_USERNAME_STAR.replace("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe",
                    "username=\"" + RfcExamples.JASON + "\"")),
            DigestCalculatorTest.authIntHeader("SHA-512-256-sess", "0".repeat(64)),
            "digest USERNAME=\"a\\\"b\", realm=r ,, nonce=n, uri=\"/\", response=8ca523f5e9506fed4657c9700eebdbec");

    private static final String SPECIAL = "\"\\,= \t;'%*\u0000\r\n\u007f\u0080\u00c3\u00a4\u00ff\u20ac\ud800\udc00";

    @Test
    void neverThrowsAnythingButTheParseException() {
        Random random = new Random(SEED);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String header = mutate(random, VALID_HEADERS.get(random.nextInt(VALID_HEADERS.size())));
            try {
                DigestAuthorization authorization = DigestAuthorizationParser.parse(header);
                assertUsable(authorization);
                parsed++;
            } catch (DigestParseException e) {
                assertThat(e.getMessage()).as("message for case %d", i).matches("[ -~]{1,100}");
                refused++;
            } catch (Throwable t) {
                fail("case " + i + " threw " + t + " for " + escape(header), t);
            }
        }
        // Both outcomes must occur, or the mutations test nothing.
        assertThat(parsed).isGreaterThan(CASES / 20);
        assertThat(refused).isGreaterThan(CASES / 2);
    }

    @Test
    void survivesRandomNoise() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            StringBuilder noise = new StringBuilder(random.nextBoolean() ? "Digest " : "");
            int length = random.nextInt(200);
            for (int j = 0; j < length; j++) {
                noise.append(random.nextInt(4) == 0 ? SPECIAL.charAt(random.nextInt(SPECIAL.length()))
                        : (char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
            }
            String header = noise.toString();
            try {
                DigestAuthorizationParser.parse(header);
            } catch (DigestParseException e) {
                assertThat(e.getMessage()).matches("[ -~]{1,100}");
            } catch (Throwable t) {
                fail("noise case " + i + " threw " + t + " for " + escape(header), t);
            }
        }
    }

    /** What a caller does next with parsed credentials must not blow up either. */
    private static void assertUsable(DigestAuthorization authorization) {
        DigestAlgorithm algorithm = authorization.algorithm();
        assertThat(authorization.response()).matches("[0-9a-f]{" + algorithm.hexLength() + "}");
        String ha1 = "a".repeat(algorithm.hexLength());
        DigestCalculator.verify(authorization, ha1, "GET", new byte[0]);
        if (authorization.hasQop()) {
            assertThat(authorization.nonceCount()).isBetween(0L, 0xFFFF_FFFFL);
            AuthenticationInfo.of(authorization, ha1, new byte[0], "next").headerValue();
        }
    }

    private static String mutate(Random random, String header) {
        String result = header;
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int position = result.isEmpty() ? 0 : random.nextInt(result.length() + 1);
            switch (random.nextInt(10)) {
                case 0 -> result = result.substring(0, position);
                case 1 -> result = result.substring(0, position) + SPECIAL.charAt(random.nextInt(SPECIAL.length()))
                        + result.substring(position);
                case 2 -> {
                    int end = Math.min(result.length(), position + random.nextInt(20));
                    result = result.substring(0, position) + result.substring(end);
                }
                case 3 -> result = duplicateParameter(random, result);
                case 4 -> result = result.substring(0, position) + "x".repeat(random.nextInt(5000))
                        + result.substring(position);
                case 5 -> {
                    if (position < result.length()) {
                        char replacement = (char) random.nextInt(random.nextBoolean() ? 0x100 : 0x10000);
                        result = result.substring(0, position) + replacement + result.substring(position + 1);
                    }
                }
                case 6 -> result = random.nextBoolean() ? result.toUpperCase() : result.toLowerCase();
                case 7 -> result = result + ", " + VALID_HEADERS.get(random.nextInt(VALID_HEADERS.size())).substring(7);
                case 8 -> result = result.replace("\"", random.nextBoolean() ? "" : "\\\"");
                default -> result = result.substring(0, position) + ",,  ,\t" + result.substring(position);
            }
        }
        return result;
    }

    private static String duplicateParameter(Random random, String header) {
        String[] parts = header.split(",");
        return header + "," + parts[random.nextInt(parts.length)];
    }

    private static String escape(String s) {
        StringBuilder escaped = new StringBuilder();
        for (char c : s.toCharArray()) {
            escaped.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return escaped.toString();
    }
}
