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
        if (!IPV6.matcher(text).matches()) {
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

    /** True when {@code text} is written in IPv6 notation (even if it denotes an IPv4-mapped address). */
    static boolean isIpv6Notation(String text) {
        return text.indexOf(':') >= 0;
    }
}
