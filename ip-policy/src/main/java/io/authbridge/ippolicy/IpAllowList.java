package io.authbridge.ippolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An immutable list of {@link CidrRange}s and the single question asked of it:
 * is this client address inside?
 */
public final class IpAllowList {

    /** Separators accepted in the client attribute: commas and/or whitespace. */
    private static final Pattern ATTRIBUTE_SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+");

    private static final IpAllowList EMPTY = new IpAllowList(List.of());

    private final List<CidrRange> ranges;

    private IpAllowList(List<CidrRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static IpAllowList empty() {
        return EMPTY;
    }

    /**
     * Parses every entry; the first invalid one is refused with a message that names it.
     * A null collection is an empty list; an empty or blank entry inside it is an error.
     */
    public static IpAllowList of(Collection<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return EMPTY;
        }
        List<CidrRange> ranges = new ArrayList<>(entries.size());
        for (String entry : entries) {
            ranges.add(CidrRange.parse(entry));
        }
        return new IpAllowList(ranges);
    }

    /**
     * Parses the client attribute form: entries separated by commas and/or whitespace.
     * A missing or blank attribute is an empty list; an empty entry between two commas is an error.
     */
    public static IpAllowList ofAttribute(String value) {
        if (value == null || value.isBlank()) {
            return EMPTY;
        }
        return of(List.of(ATTRIBUTE_SEPARATOR.split(value.strip(), -1)));
    }

    public IpAllowList plus(IpAllowList other) {
        if (other.ranges.isEmpty()) {
            return this;
        }
        if (ranges.isEmpty()) {
            return other;
        }
        List<CidrRange> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return new IpAllowList(all);
    }

    /**
     * @param clientAddress the textual address of the client as Keycloak resolved it
     * @return false for an address that is not an IP literal: a request we cannot place is not allowed
     */
    public boolean allows(String clientAddress) {
        byte[] address;
        try {
            address = IpAddressLiteral.parse(unbracket(clientAddress));
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (CidrRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String unbracket(String address) {
        return address != null && address.length() > 2 && address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1)
                : address;
    }

    public List<CidrRange> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
