package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link HmacSha256}: signatures read back from hex in either case and only from 64 ASCII hex digits; one changed byte changes them. */
class HmacSha256Properties {

    private record Signed(String secret, byte[] message, int flip) {
    }

    /** A signature and how its hex is written: 0 lower case, 1 upper case, 2 mixed. */
    private record Written(byte[] signature, int style) {
    }

    private record Compared(byte[] a, byte[] b) {
    }

    private static final Gen<Signed> SIGNED = random -> new Signed(HmacGenerators.SECRET.next(random), Gen.bytes(0, 80).next(random),
            random.nextInt(Integer.MAX_VALUE));

    @Test
    void aSignatureReadsBackFromHexInEitherCase() {
        forAll(Gen.zip(Gen.bytes(32, 32), Gen.ints(0, 2), Written::new), w -> {
            String hex = HexFormat.of().formatHex(w.signature());
            String written = switch (w.style()) {
                case 0 -> hex;
                case 1 -> hex.toUpperCase();
                default -> hex.substring(0, 32).toUpperCase() + hex.substring(32);
            };
            assertThat(HmacSha256.parseHex(written)).isEqualTo(w.signature());
        });
    }

    @Test
    void readsExactly64AsciiHexDigits() {
        Gen<String> texts = Gen.oneOf(Gen.around(FuzzSeeds.text("signature-hex", StandardCharsets.UTF_8), "0123456789abcdefABCDEFgG \uff10\u0660", 70),
                Gen.strings(Gen.chars("0123456789abcdefABCDEF\uff21"), 63, 65));
        forAll(texts, text -> assertThat(HmacSha256.parseHex(text) != null).isEqualTo(text.matches("[0-9a-fA-F]{64}")));
    }

    @Test
    void oneChangedByteOfTheMessageOrSecretChangesTheSignature() {
        forAll(SIGNED, s -> {
            byte[] signature = HmacSha256.sign(s.secret(), s.message());
            byte[] secret = s.secret().getBytes(StandardCharsets.UTF_8);
            byte[] otherSecret = secret.clone();
            otherSecret[s.flip() % otherSecret.length] ^= (byte) (1 << (s.flip() % 7));

            assertThat(signature).hasSize(32);
            assertThat(HmacSha256.signHex(s.secret(), new String(s.message(), StandardCharsets.UTF_8)))
                    .isEqualTo(HexFormat.of().formatHex(HmacSha256.sign(s.secret(), new String(s.message(), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8))));
            if (s.message().length > 0) {
                byte[] otherMessage = s.message().clone();
                otherMessage[s.flip() % otherMessage.length] ^= 1;
                assertThat(HmacSha256.matches(HmacSha256.sign(s.secret(), otherMessage), signature)).isFalse();
            }
            String other = new String(otherSecret, StandardCharsets.UTF_8);
            if (!Arrays.equals(other.getBytes(StandardCharsets.UTF_8), secret)) {
                assertThat(HmacSha256.matches(HmacSha256.sign(other, s.message()), signature)).isFalse();
            }
        });
    }

    @Test
    void matchesIffTheBytesAreEqual() {
        forAll(Gen.zip(Gen.bytes(0, 4), Gen.bytes(0, 4), Compared::new), pair ->
                assertThat(HmacSha256.matches(pair.a(), pair.b())).isEqualTo(Arrays.equals(pair.a(), pair.b())));
    }
}
