package io.authbridge.ippolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * The address literals of RFC 3986 §3.2.2 ({@code IPv4address} with its {@code dec-octet}s, {@code IPv6address}
 * without a zone), written as plainly as the grammar reads, to check {@link IpAddressLiteral} against. Returns the
 * bytes, IPv4-mapped addresses unwrapped to 4 like {@link IpAddressLiteral}, or null for anything else.
 */
final class ReferenceIpLiteral {

    private ReferenceIpLiteral() {
    }

    static byte[] parse(String text) {
        return text.indexOf(':') < 0 ? ipv4(text) : ipv6(text);
    }

    /** dec-octet = "0" / 1-9 followed by up to two digits, at most 255; four of them joined by dots. */
    private static byte[] ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty() || octet.length() > 3 || (octet.length() > 1 && octet.charAt(0) == '0')
                    || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        // Without "::" exactly 8 groups; with it at most 7, as "::" stands for one or more zero groups.
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] address = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            address[2 * i] = (byte) (head.get(i) >> 8);
            address[2 * i + 1] = head.get(i).byteValue();
        }
        for (int i = 0; i < tail.size(); i++) {
            int group = 8 - tail.size() + i;
            address[2 * group] = (byte) (tail.get(i) >> 8);
            address[2 * group + 1] = tail.get(i).byteValue();
        }
        return IpGenerators.unwrapped(address);
    }

    /** h16 *( ":" h16 ), the last one possibly an IPv4address (ls32) counting as two groups; "" is no groups. */
    private static List<Integer> groups(String part, boolean mayEndInIpv4) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && mayEndInIpv4 && piece.indexOf('.') >= 0) {
                byte[] ipv4 = ipv4(piece);
                if (ipv4 == null) {
                    return null;
                }
                groups.add((ipv4[0] & 0xff) << 8 | (ipv4[1] & 0xff));
                groups.add((ipv4[2] & 0xff) << 8 | (ipv4[3] & 0xff));
            } else if (piece.length() >= 1 && piece.length() <= 4
                    && piece.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
                groups.add(Integer.parseInt(piece, 16));
            } else {
                return null;
            }
        }
        return groups;
    }
}
