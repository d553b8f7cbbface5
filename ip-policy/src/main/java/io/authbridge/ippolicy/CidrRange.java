package io.authbridge.ippolicy;

import java.util.Arrays;

/**
 * One allow-list entry: an address ({@code 10.0.0.1}, {@code ::1}) or a CIDR range
 * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 0.0.0.0/0}).
 * <p>
 * IPv4-mapped IPv6 ranges such as {@code ::ffff:10.0.0.0/104} are stored as their IPv4 range
 * ({@code 10.0.0.0/8}), matching how {@link IpAddressLiteral} unwraps mapped client addresses.
 */
public final class CidrRange {

    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private CidrRange(String text, byte[] network, int prefixLength) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * @throws IllegalArgumentException with a message suitable for an admin, naming what is wrong
     */
    public static CidrRange parse(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("an entry is empty");
        }
        String text = entry.strip();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address;
        try {
            address = IpAddressLiteral.parse(addressText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IPv4/IPv6 address or CIDR range");
        }
        int maxPrefix = IpAddressLiteral.isIpv6Notation(addressText) ? 128 : 32;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String prefixText = text.substring(slash + 1);
            if (!prefixText.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(prefixText) > maxPrefix) {
                throw new IllegalArgumentException("'" + entry + "' has an invalid prefix length (0-" + maxPrefix + ")");
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (maxPrefix == 128 && address.length == 4) {
            // ::ffff:a.b.c.d/n: the first 96 bits are the mapping prefix.
            if (prefix < 96) {
                throw new IllegalArgumentException("'" + entry + "' is an IPv4-mapped range and needs a prefix length of 96-128");
            }
            prefix -= 96;
        }
        return new CidrRange(text, mask(address, prefix), prefix);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrRange other && prefixLength == other.prefixLength
                && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
