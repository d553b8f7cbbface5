package io.authbridge.digest.core;

import java.util.Locale;

import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link HttpSyntax}: exactly RFC 7230's ASCII rules, checked over every char where that is cheap. */
class HttpSyntaxProperties {

    private static final String RFC7230_TCHAR = "!#$%&'*+-.^_`|~0123456789"
            + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Look-alikes that Java's case-insensitive helpers accept: long s, Kelvin sign, dotless i, fullwidth digits. */
    private static final String LOOK_ALIKES = "\u017f\u212a\u0131\u0130\uff10\uff21";

    private record Pair(String a, String b) {
    }

    private record HexCase(String text, int length) {
    }

    @Test
    void tcharIsExactlyRfc7230sSet() {
        for (char c = Character.MIN_VALUE; c < Character.MAX_VALUE; c++) {
            assertThat(HttpSyntax.isTchar(c)).as("U+%04X", (int) c).isEqualTo(RFC7230_TCHAR.indexOf(c) >= 0);
        }
    }

    @Test
    void hexValueReadsOnlyAsciiHexDigits() {
        for (char c = Character.MIN_VALUE; c < Character.MAX_VALUE; c++) {
            int expected = c < 0x80 ? "0123456789abcdef".indexOf(Character.toLowerCase(c)) : -1;
            assertThat(HttpSyntax.hexValue(c)).as("U+%04X", (int) c).isEqualTo(expected);
        }
    }

    @Test
    void lowerAsciiChangesExactlyTheLettersAToZ() {
        forAll(Gen.strings(Gen.oneOf(Gen.chars(' ', '~'), Gen.anyChar(), Gen.chars(LOOK_ALIKES)), 0, 30), text -> {
            String lower = HttpSyntax.toLowerAscii(text);
            assertThat(lower).hasSameSizeAs(text);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                assertThat(lower.charAt(i)).isEqualTo(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            if (text.chars().allMatch(c -> c < 0x80)) {
                assertThat(lower).isEqualTo(text.toLowerCase(Locale.ROOT));
            }
        });
    }

    /** Like String.equalsIgnoreCase on ASCII, but never for a non-ASCII look-alike (U+017F 'ſ' is not 's'). */
    @Test
    void equalsIgnoreAsciiCaseOnlyForAsciiLetters() {
        Gen<String> words = Gen.strings(Gen.chars("sSkKiI-0\u017f\u212a\u0131\u0130"), 0, 6);
        forAll(Gen.zip(words, words, Pair::new), pair -> {
            String a = pair.a();
            String b = pair.b();
            boolean expected = a.length() == b.length();
            for (int i = 0; expected && i < a.length(); i++) {
                char x = a.charAt(i);
                char y = b.charAt(i);
                expected = x == y || (x < 0x80 && y < 0x80 && Character.toLowerCase(x) == Character.toLowerCase(y));
            }
            assertThat(HttpSyntax.equalsIgnoreAsciiCase(a, b)).isEqualTo(expected);
        });
    }

    @Test
    void isHexIffExactlyThatManyAsciiHexDigits() {
        Gen<String> texts = Gen.strings(Gen.chars("0123456789abcdefABCDEFgG \uff10\u0660"), 0, 10);
        forAll(Gen.zip(texts, Gen.ints(0, 10), HexCase::new), c -> assertThat(HttpSyntax.isHex(c.text(), c.length()))
                .isEqualTo(c.text().matches("[0-9a-fA-F]{" + c.length() + "}")));
        assertThat(HttpSyntax.isHex(null, 0)).isFalse();
    }

    @Test
    void aQuotedValueReadsBackAsItself() {
        forAll(Gen.strings(Gen.oneOf(Gen.chars(' ', '~'), Gen.chars("\"\\\t")), 0, 40), value -> {
            String quoted = HttpSyntax.quote(value);
            assertThat(quoted.chars()).allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E));
            assertThat(DigestHeaders.readParameters("x=" + quoted)).containsEntry("x", value);
        });
    }

    /** A CR or LF would split the header; non-ASCII has no agreed encoding there (RFC 7230 §3.2.4). */
    @Test
    void quoteRefusesExactlyWhatCannotGoInAHeader() {
        forAll(Gen.strings(Gen.oneOf(Gen.chars(' ', '~'), Gen.chars(' ', '~'), Gen.anyChar(), Gen.chars("\r\n\t\u007f\u0000")), 0, 12),
                value -> {
                    boolean printable = value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E));
                    if (printable) {
                        assertThat(HttpSyntax.quote(value)).startsWith("\"").endsWith("\"");
                    } else {
                        assertThatIllegalArgumentException().isThrownBy(() -> HttpSyntax.quote(value));
                    }
                });
    }
}
