package io.authbridge.hmac.core;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tenants (sub-accounts, {@code x-multitenant-external-id}) an API key may act for, from the client attribute
 * {@code authbridge.tenants}: tenant ids separated by commas or whitespace, or {@code *} for any tenant. A client
 * without the attribute acts for no tenant: it must not send the header. A client with it must send the header.
 */
public final class TenantList {

    /** Longest tenant id accepted in the header (an id, not a document). */
    public static final int MAX_TENANT_LENGTH = 255;

    private static final TenantList NONE = new TenantList(false, Set.of());
    private static final TenantList ANY = new TenantList(true, Set.of());

    private final boolean any;
    private final Set<String> tenants;

    private TenantList(boolean any, Set<String> tenants) {
        this.any = any;
        this.tenants = tenants;
    }

    /** @param attribute the client attribute's value; null or blank means no tenants */
    public static TenantList parse(String attribute) {
        if (attribute == null || attribute.isBlank()) {
            return NONE;
        }
        Set<String> entries = new LinkedHashSet<>(Arrays.asList(attribute.trim().split("[,\\s]+")));
        entries.remove("");
        if (entries.contains("*")) {
            if (entries.size() > 1) {
                throw new IllegalArgumentException("'*' allows every tenant and cannot be combined with tenant ids");
            }
            return ANY;
        }
        for (String tenant : entries) {
            if (!isWellFormed(tenant)) {
                throw new IllegalArgumentException("'" + tenant + "' is not a valid tenant id (printable ASCII, at most "
                        + MAX_TENANT_LENGTH + " characters)");
            }
        }
        return new TenantList(false, Set.copyOf(entries));
    }

    /** Whether requests must name a tenant. */
    public boolean requiresTenant() {
        return any || !tenants.isEmpty();
    }

    public boolean allows(String tenant) {
        return any || tenants.contains(tenant);
    }

    /** Printable ASCII without spaces or commas, 1 to 255 characters: safe in a header, a log line and a claim. */
    public static boolean isWellFormed(String tenant) {
        if (tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT_LENGTH) {
            return false;
        }
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            if (c <= ' ' || c > '~' || c == ',') {
                return false;
            }
        }
        return true;
    }
}
