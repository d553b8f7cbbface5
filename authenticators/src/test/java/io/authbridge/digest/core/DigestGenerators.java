package io.authbridge.digest.core;

import java.util.HexFormat;
import java.util.Random;

import io.authbridge.common.fuzz.Gen;

/**
 * Generators for the Digest properties: the values a client may put in an {@code Authorization: Digest} header, and
 * whole credentials as {@link DigestAuthorizationParser} should read them back.
 */
final class DigestGenerators {

    private DigestGenerators() {
    }

    /** What a quoted-string may carry once parsed: any Unicode but C0 controls (TAB aside) and DEL. */
    static final Gen<String> QUOTABLE = Gen.oneOf(
            Gen.strings(Gen.chars(" !\"#%&'()*+,-./:;<=>?@[\\]^_`{|}~\tazAZ09"), 1, 16),
            Gen.text(cp -> (cp >= 0x20 || cp == '\t') && cp != 0x7F, 1, 16));

    /** A user name: like {@link #QUOTABLE} without TAB and the C1 controls, which the parser refuses in names. */
    static final Gen<String> USERNAME = Gen.oneOf(
            Gen.strings(Gen.chars(" !\"#%&'*+,-./:;=?@\\^_`|~azAZ09"), 1, 16),
            Gen.text(cp -> cp >= 0x20 && (cp < 0x7F || cp > 0x9F), 1, 16));

    /** Printable ASCII, as a cnonce must be. */
    static final Gen<String> PRINTABLE_ASCII = Gen.strings(Gen.chars(' ', '~'), 1, 24);

    static Gen<String> hex(int digits) {
        return random -> {
            byte[] bytes = new byte[(digits + 1) / 2];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes).substring(0, digits);
        };
    }

    /**
     * Credentials as the parser returns them: response, nc and a hashed user name in lowercase hex; cnonce and nc
     * present iff qop is (always with a -sess algorithm); opaque at times absent or empty.
     */
    static final Gen<DigestAuthorization> AUTHORIZATION = random -> {
        DigestAlgorithm algorithm = Gen.of(DigestAlgorithm.class).next(random);
        boolean userhash = random.nextInt(8) == 0;
        String username = userhash ? hex(algorithm.hexLength()).next(random) : USERNAME.next(random);
        DigestQop qop = algorithm.isSession() || random.nextInt(4) != 0 ? Gen.of(DigestQop.class).next(random) : null;
        return new DigestAuthorization(username, userhash, QUOTABLE.next(random), QUOTABLE.next(random),
                QUOTABLE.next(random), hex(algorithm.hexLength()).next(random), algorithm, qop,
                qop == null ? null : PRINTABLE_ASCII.next(random), qop == null ? null : hex(8).next(random),
                Gen.oneOf(QUOTABLE, Gen.constant("")).orNull(30).next(random));
    };

    /** The text in random ASCII case, as ABNF literals (scheme, names, tokens) may be sent. */
    static String anyCase(Random random, String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }
}
