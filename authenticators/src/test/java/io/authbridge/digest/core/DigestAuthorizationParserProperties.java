package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link DigestAuthorizationParser}: whatever a client writes is read back as it meant it, and any other input is
 * refused with a short message that names at most a standard parameter.
 */
class DigestAuthorizationParserProperties {

    /** The committed headers, one char per octet as a server hands them over. */
    static final List<String> SEEDS = FuzzSeeds.text("digest-authorization", StandardCharsets.ISO_8859_1);

    /** Octets that matter to the parser: separators, quotes, escapes, '%' and the "'" of username*, UTF-8 lead bytes. */
    static final String ALPHABET = "\"\\,= \t;'%*:/-0123456789abcdefDIGESTdigestUTF8\u00c3\u00a4\u00ff\u0080\u007f\u0000\r\n";

    private static final Set<String> STANDARD_PARAMETERS = Set.of("username", "username*", "realm", "nonce", "uri",
            "response", "algorithm", "cnonce", "opaque", "qop", "nc", "userhash");
    private static final Pattern QUOTED_NAME = Pattern.compile("parameter '([^']*)'");

    /** Credentials, and the seed of the layout a client writes them in. */
    private record Written(DigestAuthorization authorization, long layout) {

        String header() {
            return DigestHeaders.write(new Random(layout), authorization);
        }
    }

    private static final Gen<Written> WRITTEN = Gen.zip(DigestGenerators.AUTHORIZATION, Random::nextLong, Written::new)
            .filter(written -> written.header().length() <= DigestAuthorizationParser.MAX_HEADER_LENGTH);

    @Test
    void readsBackWhatAClientWrote() {
        forAll(WRITTEN, written -> assertThat(parse(written.header())).isEqualTo(written.authorization()));
    }

    @Test
    void anyInputIsReadOrRefusedWithAShortMessageNamingAtMostAStandardParameter() {
        int[] parsed = {0};
        forAll(Gen.oneOf(Gen.around(SEEDS, ALPHABET, 600), Gen.around(SEEDS, ALPHABET, 5000)), header -> {
            if (readOrRefuse(header)) {
                parsed[0]++;
            }
        });
        assertThat(parsed[0]).as("inputs read").isPositive();
    }

    /** Credentials read from any header, written again by a client, read back the same. */
    @Test
    void whatIsReadIsReadTheSameWhenWrittenAgain() {
        forAll(Gen.zip(Gen.around(SEEDS, ALPHABET, 600), Random::nextLong, Layout::new),
                input -> assertReadTheSameWhenWrittenAgain(input.header(), new Random(input.layout())));
    }

    private record Layout(String header, long layout) {
    }

    /** RFC 8187: any user name, percent-encoded as UTF-8 in username*, decodes to itself. */
    @Test
    void usernameStarDecodesToTheNameEncoded() {
        forAll(Gen.zip(DigestGenerators.USERNAME, Random::nextLong, Layout::new), input -> {
            String header = "Digest username*=" + DigestHeaders.extValue(new Random(input.layout()), input.header())
                    + ", realm=r, nonce=n, uri=\"/\", response=" + "0".repeat(32);
            assertThat(parse(header).username()).isEqualTo(input.header());
        });
    }

    /** Read iff the octets are UTF-8 (checked here by the round trip through a String) and name no control char. */
    @Test
    void usernameStarIsReadIffItsOctetsAreUtf8WithoutControls() {
        forAll(Gen.bytes(1, 12), octets -> {
            StringBuilder encoded = new StringBuilder("UTF-8''");
            for (byte b : octets) {
                encoded.append(String.format("%%%02x", b & 0xff));
            }
            String header = "Digest username*=" + encoded + ", realm=r, nonce=n, uri=\"/\", response=" + "0".repeat(32);
            String decoded = new String(octets, StandardCharsets.UTF_8);
            boolean utf8 = Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), octets);
            boolean controls = decoded.chars().anyMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F));
            if (utf8 && !controls) {
                assertThat(parse(header).username()).isEqualTo(decoded);
            } else {
                assertThatThrownBy(() -> DigestAuthorizationParser.parse(header)).isInstanceOf(DigestParseException.class);
            }
        });
    }

    /** The scheme is "Digest" in any ASCII case after optional SP/HTAB, then the end or SP/HTAB; nothing else counts. */
    @Test
    void isDigestIffTheSchemeIsDigest() {
        Pattern scheme = Pattern.compile("[ \t]*[Dd][Ii][Gg][Ee][Ss][Tt]([ \t].*)?", Pattern.DOTALL);
        Gen<String> headers = Gen.oneOf(Gen.around(SEEDS, " \tDdIiGgEeSsTt\u017f\u212a,", 20), Gen.around(SEEDS, ALPHABET, 200));
        forAll(headers, header -> assertThat(DigestAuthorizationParser.isDigest(header)).isEqualTo(scheme.matcher(header).matches()));
    }

    /** A second value for a parameter is refused, named if standard (an unknown name is the client's text). */
    @Test
    void aRepeatedParameterIsRefusedNamedIfStandard() {
        forAll(WRITTEN, written -> {
            Random random = new Random(written.layout());
            List<String> present = written.authorization().hasQop()
                    ? List.of("realm", "nonce", "uri", "response", "qop", "cnonce", "nc")
                    : List.of("realm", "nonce", "uri", "response");
            String name = present.get(random.nextInt(present.size()));
            String repeated = written.header() + ", " + DigestGenerators.anyCase(random, name) + "=\"x\"";
            String unknown = written.header() + ", x-secret-name=1, X-Secret-Name=2";

            assertThatThrownBy(() -> DigestAuthorizationParser.parse(repeated)).hasMessage("duplicate parameter '" + name + "'");
            assertThatThrownBy(() -> DigestAuthorizationParser.parse(unknown)).hasMessage("duplicate parameter");
        });
    }

    static void assertReadTheSameWhenWrittenAgain(String header, Random layout) {
        DigestAuthorization authorization;
        try {
            authorization = DigestAuthorizationParser.parse(header);
        } catch (DigestParseException e) {
            return;
        }
        String again = DigestHeaders.write(layout, authorization);
        if (again.length() <= DigestAuthorizationParser.MAX_HEADER_LENGTH) {
            assertThat(parse(again)).isEqualTo(authorization);
        }
    }

    /** @return whether the header was read; fails the property for any other outcome than the two allowed. */
    static boolean readOrRefuse(String header) {
        try {
            DigestAuthorization authorization = DigestAuthorizationParser.parse(header);
            assertThat(authorization.response()).matches("[0-9a-f]{" + authorization.algorithm().hexLength() + "}");
            if (authorization.hasQop()) {
                assertThat(authorization.nonceCount()).isBetween(0L, 0xFFFF_FFFFL);
                assertThat(authorization.cnonce()).matches("[ -~]+");
            }
            return true;
        } catch (DigestParseException e) {
            assertThat(e.getMessage()).matches("[ -~]{1,100}");
            Matcher names = QUOTED_NAME.matcher(e.getMessage());
            while (names.find()) {
                assertThat(STANDARD_PARAMETERS).as("names in '%s'", e.getMessage()).contains(names.group(1));
            }
            return false;
        } catch (RuntimeException e) {
            return fail("threw " + e, e);
        }
    }

    private static DigestAuthorization parse(String header) {
        try {
            return DigestAuthorizationParser.parse(header);
        } catch (DigestParseException e) {
            return fail("refused (" + e.getMessage() + ")");
        }
    }
}
