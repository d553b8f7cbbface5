package io.authbridge.ippolicy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses textual IPv4/IPv6 address literals without ever touching DNS.
 * <p>
 * {@link InetAddress#getByName(String)} resolves host names, so an allow-list entry such as {@code foo}
 * would trigger a lookup (and silently change meaning with DNS). Only literals are accepted here.
 * IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) are returned as their IPv4 address, so a
 * dual-stack listener's view of an IPv4 client matches IPv4 ranges.
 */
public final class IpAddressLiteral {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    // Hex groups, colons and an optional trailing dotted quad; InetAddress then checks the structure.
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(\\d{1,3}(\\.\\d{1,3}){3})?");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final int MAX_LITERAL_LENGTH = 45;

    private IpAddressLiteral() {
    }

    /**
     * @return the address as 4 (IPv4, also for IPv4-mapped IPv6) or 16 bytes
     * @throws IllegalArgumentException if {@code text} is not an IPv4 or IPv6 literal
     */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LITERAL_LENGTH) {
            throw new IllegalArgumentException("not an IP address");
        }
        if (IPV4.matcher(text).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    throw new IllegalArgumentException("IPv4 octet out of range");
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        if (!IPV6.matcher(text).matches() || !hasRfc3986Groups(text)) {
            throw new IllegalArgumentException("not an IP address");
        }
        InetAddress address;
        try {
            // Safe: the pattern above admits only characters of an IPv6 literal, which InetAddress
            // parses without a name lookup.
            address = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address");
        }
        if (address instanceof Inet4Address) {
            return address.getAddress(); // IPv4-mapped IPv6 literal, already unwrapped by the JDK
        }
        if (address instanceof Inet6Address) {
            return address.getAddress();
        }
        throw new IllegalArgumentException("not an IP address");
    }

    /**
     * Each group 1 to 4 hex digits, a trailing dotted quad in the dec-octets of an IPv4 literal (RFC 3986 §3.2.2).
     * InetAddress is laxer: it reads {@code 00000::1}, and {@code ::ffff:010.0.0.1} as 10.0.0.1 — the leading zero that
     * {@link #IPV4} refuses because other tools read {@code 010} as octal 8. The count of groups and {@code ::} are
     * left to InetAddress.
     */
    private static boolean hasRfc3986Groups(String text) {
        String[] groups = text.split(":", -1);
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            boolean lastIsQuad = i == groups.length - 1 && group.indexOf('.') >= 0;
            if (!group.isEmpty() && !(lastIsQuad ? IPV4 : HEX_GROUP).matcher(group).matches()) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code text} is written in IPv6 notation (even if it denotes an IPv4-mapped address). */
    static boolean isIpv6Notation(String text) {
        return text.indexOf(':') >= 0;
    }
}
