package io.authbridge.ippolicy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpAllowListTest {

    @Test
    void allowsOnlyAddressesInsideSomeRange() {
        IpAllowList list = IpAllowList.of(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.7"));
        assertThat(list.allows("10.1.2.3")).isTrue();
        assertThat(list.allows("2001:db8::5")).isTrue();
        assertThat(list.allows("192.0.2.7")).isTrue();
        assertThat(list.allows("192.0.2.8")).isFalse();
        assertThat(list.allows("::ffff:10.9.9.9")).isTrue();
    }

    @Test
    void emptyListAllowsNothing() {
        assertThat(IpAllowList.empty().allows("127.0.0.1")).isFalse();
        assertThat(IpAllowList.of(null).allows("127.0.0.1")).isFalse();
    }

    @Test
    void unparseableClientAddressIsNeverAllowed() {
        IpAllowList everything = IpAllowList.of(List.of("0.0.0.0/0", "::/0"));
        for (String address : Arrays.asList(null, "", "unknown", "example.org", "10.0.0.1, 10.0.0.2", "fe80::1%eth0")) {
            assertThat(everything.allows(address)).as(String.valueOf(address)).isFalse();
        }
    }

    @Test
    void bracketedIpv6ClientAddressIsUnderstood() {
        assertThat(IpAllowList.of(List.of("::1")).allows("[::1]")).isTrue();
    }

    @Test
    void attributeFormAcceptsCommasAndWhitespace() {
        IpAllowList list = IpAllowList.ofAttribute(" 10.0.0.1 ,10.0.0.2\n2001:db8::1 192.0.2.0/24 ");
        assertThat(list.ranges()).extracting(Object::toString)
                .containsExactly("10.0.0.1", "10.0.0.2", "2001:db8::1", "192.0.2.0/24");
    }

    @Test
    void blankAttributeIsNoRanges() {
        assertThat(IpAllowList.ofAttribute(null).isEmpty()).isTrue();
        assertThat(IpAllowList.ofAttribute("  ").isEmpty()).isTrue();
    }

    @Test
    void emptyEntryInsideAttributeIsRefused() {
        assertThatThrownBy(() -> IpAllowList.ofAttribute("10.0.0.1,,10.0.0.2")).hasMessageContaining("empty");
        assertThatThrownBy(() -> IpAllowList.ofAttribute("10.0.0.1,")).hasMessageContaining("empty");
    }

    @Test
    void firstInvalidEntryIsNamed() {
        assertThatThrownBy(() -> IpAllowList.of(List.of("10.0.0.0/8", "300.1.1.1", "foo")))
                .hasMessageContaining("'300.1.1.1'");
    }

    @Test
    void plusCombinesBothLists() {
        IpAllowList combined = IpAllowList.of(List.of("10.0.0.0/8")).plus(IpAllowList.ofAttribute("192.0.2.1"));
        assertThat(combined.allows("10.0.0.1")).isTrue();
        assertThat(combined.allows("192.0.2.1")).isTrue();
        assertThat(combined.allows("192.0.2.2")).isFalse();
    }

    @Test
    void plusKeepsEitherSideWhenTheOtherIsEmptyAndJoinsThemOtherwise() {
        IpAllowList a = IpAllowList.of(List.of("10.0.0.0/8"));
        IpAllowList b = IpAllowList.ofAttribute("192.0.2.1");
        IpAllowList none = IpAllowList.ofAttribute(null);

        assertThat(none.isEmpty()).isTrue();
        assertThat(a.isEmpty()).isFalse();
        assertThat(a.plus(none)).isSameAs(a);
        assertThat(none.plus(b)).isSameAs(b);
        IpAllowList both = a.plus(b);
        assertThat(both.allows("10.9.9.9")).isTrue();
        assertThat(both.allows("192.0.2.1")).isTrue();
        assertThat(both.allows("192.0.2.2")).isFalse();
        assertThat(both.ranges()).hasSize(2);
        assertThat(both).hasToString("[10.0.0.0/8, 192.0.2.1]");
    }
}
