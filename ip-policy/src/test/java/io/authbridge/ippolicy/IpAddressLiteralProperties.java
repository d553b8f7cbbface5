package io.authbridge.ippolicy;

import java.nio.charset.StandardCharsets;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link IpAddressLiteral}: every address written any RFC 4291 way reads back, and it accepts exactly RFC 3986's literals. */
class IpAddressLiteralProperties {

    private record Written(byte[] address, String text) {
    }

    @Test
    void readsBackEveryIpv4Address() {
        forAll(IpGenerators.IPV4, address -> assertThat(IpAddressLiteral.parse(IpGenerators.dotted(address, 0))).isEqualTo(address));
    }

    @Test
    void readsBackEveryIpv6AddressInEveryNotationUnwrappingIpv4Mapped() {
        Gen<Written> written = random -> {
            byte[] address = IpGenerators.IPV6.next(random);
            return new Written(address, IpGenerators.ipv6Text(random, address));
        };
        forAll(written, w -> assertThat(IpAddressLiteral.parse(w.text())).isEqualTo(IpGenerators.unwrapped(w.address())));
    }

    /** Accepts exactly the strings the RFC 3986 grammar accepts, with the same bytes; refuses the rest as not an address. */
    @Test
    void acceptsExactlyTheRfc3986Literals() {
        Gen<String> text = Gen.around(FuzzSeeds.text("ip-address-literal", StandardCharsets.UTF_8), "0123456789abcdefABCDEF:.:", 50);
        forAll(text, IpAddressLiteralProperties::assertAcceptedIffRfc3986);
    }

    static void assertAcceptedIffRfc3986(String literal) {
        byte[] expected = ReferenceIpLiteral.parse(literal);
        if (expected == null) {
            assertThatIllegalArgumentException().isThrownBy(() -> IpAddressLiteral.parse(literal));
        } else {
            assertThat(IpAddressLiteral.parse(literal)).isEqualTo(expected);
        }
    }
}
