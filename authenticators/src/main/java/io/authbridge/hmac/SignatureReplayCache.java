package io.authbridge.hmac;

import java.util.HexFormat;

import org.keycloak.models.ClientModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Each signature is accepted once. Used signatures are remembered in Keycloak's single-use object store, whose
 * {@code putIfAbsent} is atomic across the cluster (Infinispan's distributed {@code actionTokens} cache), for as long
 * as the timestamp they cover can be accepted: maximum age plus clock skew.
 */
final class SignatureReplayCache {

    private static final String PREFIX = "authbridge.hmac.used:";

    private final SingleUseObjectProvider store;
    private final ApiKeySettings settings;

    SignatureReplayCache(SingleUseObjectProvider store, ApiKeySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** False when the client already used this signature. Keyed by the bytes, so the hex case does not matter. */
    boolean markUsed(ClientModel client, byte[] signature) {
        return store.putIfAbsent(PREFIX + client.getId() + ":" + HexFormat.of().formatHex(signature),
                settings.maxAgeSeconds() + settings.clockSkewSeconds());
    }
}
