package io.authbridge.hmac;

import org.keycloak.models.ClientModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Locks an API key for a while after repeated wrong signatures, cluster-wide.
 * <p>
 * Keycloak's brute-force protector counts users, not clients, and it has no atomic counter for us; the single-use
 * object store (Infinispan's distributed {@code actionTokens} cache) has an atomic {@code putIfAbsent}. So each wrong
 * signature takes the first free one of {@code maxFailures} numbered slots, each living {@code lockoutSeconds}; the
 * failure that takes the last slot, or finds none free, locks the key for {@code lockoutSeconds}. Two nodes can never
 * take the same slot, so concurrent failures on different nodes are all counted.
 */
final class FailedSignatureLockout {

    private static final String SLOT_PREFIX = "authbridge.hmac.failure:";
    private static final String LOCK_PREFIX = "authbridge.hmac.locked:";

    private final SingleUseObjectProvider store;
    private final ApiKeySettings settings;

    FailedSignatureLockout(SingleUseObjectProvider store, ApiKeySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    boolean isLocked(ClientModel client) {
        return settings.maxFailures() > 0 && store.contains(LOCK_PREFIX + client.getId());
    }

    /** Counts a wrong signature; true when it locked the key. */
    boolean recordFailure(ClientModel client) {
        if (settings.maxFailures() == 0) {
            return false;
        }
        for (int slot = 0; slot < settings.maxFailures(); slot++) {
            if (store.putIfAbsent(SLOT_PREFIX + client.getId() + ":" + slot, settings.lockoutSeconds())) {
                if (slot < settings.maxFailures() - 1) {
                    return false;
                }
                break;
            }
        }
        store.putIfAbsent(LOCK_PREFIX + client.getId(), settings.lockoutSeconds());
        return true;
    }
}
