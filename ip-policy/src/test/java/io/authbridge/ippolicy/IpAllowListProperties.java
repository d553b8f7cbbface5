package io.authbridge.ippolicy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import io.authbridge.ippolicy.IpGenerators.Entry;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link IpAllowList}: the attribute lists exactly its entries, and a client is allowed iff one of them contains it. */
class IpAllowListProperties {

    private static final Gen<String> SEPARATOR = Gen.of(",", ", ", " ,", " , ", " ", "  ", "\n", "\t", "\r\n", ",\n");

    /** Entries joined as an admin may write the attribute, and a client address as text (IPv6 bracketed at times). */
    private record Listed(List<Entry> entries, String attribute, String client) {
    }

    private static final Gen<Listed> LISTED = random -> {
        List<Entry> entries = IpGenerators.ENTRY.list(1, 6).next(random);
        StringBuilder attribute = new StringBuilder(random.nextBoolean() ? " " : "");
        for (int i = 0; i < entries.size(); i++) {
            attribute.append(i == 0 ? "" : SEPARATOR.next(random)).append(entries.get(i).text());
        }
        attribute.append(random.nextBoolean() ? "\n" : "");
        byte[] address = IpGenerators.addressNear(entries.get(random.nextInt(entries.size()))).next(random);
        String client = IpGenerators.text(random, address);
        if (address.length == 16 && random.nextBoolean()) {
            client = "[" + client + "]";
        }
        return new Listed(entries, attribute.toString(), client);
    };

    @Test
    void theAttributeListsExactlyItsEntries() {
        forAll(LISTED, listed -> assertThat(IpAllowList.ofAttribute(listed.attribute()).ranges())
                .containsExactlyElementsOf(listed.entries().stream().map(e -> CidrRange.parse(e.text())).toList()));
    }

    @Test
    void allowsIffOneRangeContainsTheClient() {
        forAll(LISTED, listed -> {
            IpAllowList list = IpAllowList.ofAttribute(listed.attribute());
            String unbracketed = listed.client().replace("[", "").replace("]", "");
            byte[] address = IpAddressLiteral.parse(unbracketed);
            boolean expected = list.ranges().stream().anyMatch(range -> range.contains(address));

            assertThat(list.allows(listed.client())).isEqualTo(expected);
            assertThat(list.allows(unbracketed)).isEqualTo(expected);
        });
    }

    @Test
    void aJoinedListAllowsWhatEitherAllows() {
        forAll(Gen.zip(LISTED, LISTED, List::of), pair -> {
            IpAllowList first = IpAllowList.ofAttribute(pair.get(0).attribute());
            IpAllowList second = IpAllowList.ofAttribute(pair.get(1).attribute());
            IpAllowList joined = first.plus(second);

            assertThat(joined.ranges()).containsExactlyElementsOf(
                    java.util.stream.Stream.concat(first.ranges().stream(), second.ranges().stream()).toList());
            for (Listed listed : pair) {
                assertThat(joined.allows(listed.client())).isEqualTo(first.allows(listed.client()) || second.allows(listed.client()));
            }
        });
    }

    @Test
    void anEmptyEntryBetweenCommasIsRefused() {
        forAll(LISTED.filter(listed -> listed.entries().size() > 1), listed -> {
            String withEmpty = listed.attribute().strip().replaceFirst("[,\\s]+", " ,, ");
            assertThatIllegalArgumentException().isThrownBy(() -> IpAllowList.ofAttribute(withEmpty));
        });
    }

    @Test
    void anyAttributeParsesOrIsRefusedAndAnyClientTextIsAnsweredFalseOrTrue() {
        Gen<String> text = Gen.around(FuzzSeeds.text("ip-allow-list", StandardCharsets.UTF_8), "0123456789abcdef:./, \n[]", 120);
        forAll(text, IpAllowListProperties::assertParsedOrRefusedAndAnswered);
        assertThat(EVERYTHING.allows(null)).isFalse();
    }

    private static final IpAllowList EVERYTHING = IpAllowList.ofAttribute("0.0.0.0/0 ::/0");

    static void assertParsedOrRefusedAndAnswered(String attributeOrClient) {
        try {
            IpAllowList.ofAttribute(attributeOrClient);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        // Never an exception for a client address, whatever Keycloak hands over; true only for a literal.
        boolean literal = ReferenceIpLiteral.parse(attributeOrClient.replaceAll("^\\[(.+)]$", "$1")) != null;
        assertThat(EVERYTHING.allows(attributeOrClient)).isEqualTo(literal);
    }
}
