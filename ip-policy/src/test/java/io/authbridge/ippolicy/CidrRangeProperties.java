package io.authbridge.ippolicy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import io.authbridge.common.fuzz.FuzzProperty;
import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import io.authbridge.ippolicy.IpGenerators.Entry;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CidrRange}: a range holds exactly the addresses of its family from its first to its last address, compared as
 * numbers; IPv4-mapped ranges are their IPv4 ranges; any entry parses or is refused with a message that names it.
 */
class CidrRangeProperties {

    private record Probe(Entry entry, byte[] address) {
    }

    private record EntryPair(Entry a, Entry b) {
    }

    private static final Gen<Probe> PROBE = IpGenerators.ENTRY.flatMap(entry ->
            IpGenerators.addressNear(entry).map(address -> new Probe(entry, address)));

    @Test
    void containsExactlyTheAddressesFromFirstToLast() {
        int[] inside = {0};
        forAll(PROBE, probe -> {
            Entry entry = probe.entry();
            BigInteger number = IpGenerators.toNumber(probe.address());
            boolean expected = probe.address().length == entry.family()
                    && number.compareTo(entry.first()) >= 0 && number.compareTo(entry.last()) <= 0;

            assertThat(CidrRange.parse(entry.text()).contains(probe.address())).isEqualTo(expected);
            inside[0] += expected ? 1 : 0;
        });
        assertThat(inside[0]).as("addresses inside, of %d", FuzzProperty.tries()).isBetween(1, FuzzProperty.tries() - 1);
    }

    @Test
    void anIpv4MappedRangeIsItsIpv4RangeAndNeedsTheMappingPrefix() {
        forAll(Gen.zip(IpGenerators.IPV4, Gen.ints(0, 128), (ipv4, prefix) -> new Entry("", ipv4, prefix, 4)), entry -> {
            String ipv4 = IpGenerators.dotted(entry.network(), 0);
            String mapped = "::ffff:" + ipv4 + "/" + entry.prefix();
            if (entry.prefix() < 96) {
                assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse(mapped)).withMessageContaining("96-128");
            } else {
                assertThat(CidrRange.parse(mapped)).isEqualTo(CidrRange.parse(ipv4 + "/" + (entry.prefix() - 96)));
                assertThat(CidrRange.parse(mapped).contains(entry.network())).isTrue();
            }
        });
    }

    @Test
    void equalIffSameFamilyPrefixAndNetwork() {
        forAll(Gen.zip(IpGenerators.ENTRY, IpGenerators.ENTRY, EntryPair::new), pair -> {
            Entry a = pair.a();
            Entry b = pair.b();
            boolean same = a.family() == b.family() && a.prefix() == b.prefix() && a.first().equals(b.first());
            CidrRange rangeA = CidrRange.parse(a.text());

            assertThat(rangeA.equals(CidrRange.parse(b.text()))).isEqualTo(same);
            assertThat(rangeA).isEqualTo(CidrRange.parse(" " + a.text() + "\t")).hasToString(a.text());
            assertThat(rangeA.hashCode()).isEqualTo(CidrRange.parse(a.text()).hashCode());
        });
    }

    @Test
    void aPrefixIsDecimalWithoutLeadingZerosUpToTheFamilysBits() {
        Gen<String> prefixes = Gen.oneOf(Gen.strings(Gen.chars("0123456789"), 0, 4), Gen.strings(Gen.chars("0123456789+- x/"), 0, 4));
        forAll(Gen.zip(Gen.of("10.0.0.0", "2001:db8::", "::ffff:10.0.0.0"), prefixes, (address, prefix) -> address + "/" + prefix),
                entry -> {
                    String prefix = entry.strip().substring(entry.indexOf('/') + 1);
                    int max = entry.contains(":") ? 128 : 32;
                    boolean wellFormed = prefix.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(prefix) <= max
                            && !(entry.startsWith("::ffff:") && Integer.parseInt(prefix) < 96);
                    if (wellFormed) {
                        assertThat(CidrRange.parse(entry)).hasToString(entry.strip());
                    } else {
                        assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse(entry)).withMessageContaining("'" + entry + "'");
                    }
                });
    }

    @Test
    void anyEntryParsesOrIsRefusedNamingIt() {
        Gen<String> entries = Gen.around(FuzzSeeds.text("cidr-range", StandardCharsets.UTF_8), "0123456789abcdef:./ ", 60);
        forAll(entries, CidrRangeProperties::assertParsedOrRefusedNamingIt);
    }

    static void assertParsedOrRefusedNamingIt(String entry) {
        try {
            assertThat(CidrRange.parse(entry)).hasToString(entry.strip());
        } catch (IllegalArgumentException e) {
            if (!entry.isBlank()) {
                assertThat(e.getMessage()).contains("'" + entry + "'");
            }
        }
    }
}
