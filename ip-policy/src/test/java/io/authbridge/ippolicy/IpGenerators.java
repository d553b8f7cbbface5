package io.authbridge.ippolicy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.authbridge.common.fuzz.Gen;

/**
 * Addresses, their textual forms and ranges for the allow-list properties. Addresses are 4 or 16 bytes; the generators
 * lean towards what parsers get wrong: runs of zero groups, IPv4-mapped addresses, the ends of a range.
 */
final class IpGenerators {

    private IpGenerators() {
    }

    static final Gen<byte[]> IPV4 = Gen.oneOf(Gen.bytes(4, 4), random -> octets(random, 4));

    /** 16 bytes, often with zero groups, sometimes IPv4-mapped ({@code ::ffff:a.b.c.d}) or IPv4-compatible. */
    static final Gen<byte[]> IPV6 = random -> {
        byte[] address = octets(random, 16);
        switch (random.nextInt(6)) {
            case 0 -> {
                Arrays.fill(address, 0, 10, (byte) 0);
                address[10] = (byte) 0xff;
                address[11] = (byte) 0xff;
            }
            case 1 -> Arrays.fill(address, 0, 12, (byte) 0);
            default -> {
                // Zero a few groups so that "::" has runs to stand for.
                for (int group = 0; group < 8; group++) {
                    if (random.nextInt(3) == 0) {
                        address[2 * group] = 0;
                        address[2 * group + 1] = 0;
                    }
                }
            }
        }
        return address;
    };

    /** Bytes that are 0, 255 or random, each as likely: the values where octet and group parsing turn. */
    private static byte[] octets(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = switch (random.nextInt(3)) {
                case 0 -> 0;
                case 1 -> (byte) 0xff;
                default -> (byte) random.nextInt(256);
            };
        }
        return bytes;
    }

    static boolean isIpv4Mapped(byte[] address) {
        if (address.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    /** What {@link IpAddressLiteral#parse} returns for an address: IPv4-mapped ones unwrapped. */
    static byte[] unwrapped(byte[] address) {
        return isIpv4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    static String dotted(byte[] address, int offset) {
        return (address[offset] & 0xff) + "." + (address[offset + 1] & 0xff) + "." + (address[offset + 2] & 0xff) + "."
                + (address[offset + 3] & 0xff);
    }

    /**
     * One of the ways RFC 4291 §2.2 allows to write a 16-byte address: groups with or without leading zeros, "::" for
     * any one run of zero groups (or none), upper or lower case, the last 32 bits dotted or not.
     */
    static String ipv6Text(Random random, byte[] address) {
        boolean dottedTail = random.nextInt(3) == 0;
        int groups = dottedTail ? 6 : 8;
        List<String> parts = new ArrayList<>();
        for (int group = 0; group < groups; group++) {
            int value = (address[2 * group] & 0xff) << 8 | (address[2 * group + 1] & 0xff);
            parts.add(random.nextInt(4) == 0 ? String.format("%04x", value) : Integer.toHexString(value));
        }
        // Pick one run of zero groups, if any, to write as "::".
        List<int[]> runs = new ArrayList<>();
        for (int start = 0; start < groups; start++) {
            for (int end = start; end < groups && isZero(parts.get(end)); end++) {
                runs.add(new int[]{start, end + 1});
            }
        }
        String text;
        if (!runs.isEmpty() && random.nextInt(4) != 0) {
            int[] run = runs.get(random.nextInt(runs.size()));
            String head = String.join(":", parts.subList(0, run[0]));
            String tail = String.join(":", parts.subList(run[1], groups));
            text = head + "::" + tail;
            if (dottedTail) {
                text += (tail.isEmpty() ? "" : ":") + dotted(address, 12);
            }
        } else {
            text = String.join(":", parts) + (dottedTail ? ":" + dotted(address, 12) : "");
        }
        return random.nextInt(3) == 0 ? text.toUpperCase(Locale.ROOT) : text;
    }

    private static boolean isZero(String group) {
        return group.chars().allMatch(c -> c == '0');
    }

    /** The address as text: dotted for 4 bytes, one of the IPv6 forms for 16. */
    static String text(Random random, byte[] address) {
        return address.length == 4 ? dotted(address, 0) : ipv6Text(random, address);
    }

    static BigInteger toNumber(byte[] address) {
        return new BigInteger(1, address);
    }

    /** The address of {@code length} bytes for a number in range. */
    static byte[] toAddress(BigInteger number, int length) {
        byte[] raw = number.toByteArray();
        byte[] address = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, address, length - copy, copy);
        return address;
    }

    /** An allow-list entry as an admin may write it, with the range it stands for. */
    record Entry(String text, byte[] network, int prefix, int family) {

        BigInteger first() {
            return toNumber(network).shiftRight(family * 8 - prefix).shiftLeft(family * 8 - prefix);
        }

        BigInteger last() {
            return first().add(BigInteger.ONE.shiftLeft(family * 8 - prefix)).subtract(BigInteger.ONE);
        }
    }

    /**
     * An entry: IPv4 with or without a prefix, IPv6 likewise, or IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d/96+n}, which
     * stands for the IPv4 range); host bits are left set at times (they are masked off).
     */
    static final Gen<Entry> ENTRY = random -> {
        int kind = random.nextInt(3);
        if (kind == 0) {
            byte[] network = IPV4.next(random);
            int prefix = Gen.ints(0, 32).next(random);
            boolean bare = prefix == 32 && random.nextBoolean();
            return new Entry(dotted(network, 0) + (bare ? "" : "/" + prefix), network, prefix, 4);
        }
        if (kind == 1) {
            byte[] network = IPV6.filter(address -> !isIpv4Mapped(address)).next(random);
            int prefix = Gen.ints(0, 128).next(random);
            boolean bare = prefix == 128 && random.nextBoolean();
            return new Entry(ipv6Text(random, network) + (bare ? "" : "/" + prefix), network, prefix, 16);
        }
        byte[] ipv4 = IPV4.next(random);
        int prefix = Gen.ints(0, 32).next(random);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, mapped, 12, 4);
        return new Entry(ipv6Text(random, mapped) + "/" + (96 + prefix), ipv4, prefix, 4);
    };

    /**
     * An address of the entry's family near the range — an end, one past an end, or anywhere — or of the other family.
     */
    static Gen<byte[]> addressNear(Entry entry) {
        return random -> {
            BigInteger max = BigInteger.ONE.shiftLeft(entry.family() * 8).subtract(BigInteger.ONE);
            BigInteger number = switch (random.nextInt(7)) {
                case 0 -> entry.first();
                case 1 -> entry.last();
                case 2 -> entry.first().subtract(BigInteger.ONE);
                case 3 -> entry.last().add(BigInteger.ONE);
                case 4 -> entry.first().add(new BigInteger(entry.family() * 8, random).mod(
                        entry.last().subtract(entry.first()).add(BigInteger.ONE)));
                case 5 -> new BigInteger(entry.family() * 8, random);
                default -> null;
            };
            if (number == null) {
                return entry.family() == 4 ? IPV6.filter(a -> !isIpv4Mapped(a)).next(random) : IPV4.next(random);
            }
            return toAddress(number.max(BigInteger.ZERO).min(max), entry.family());
        };
    }
}
