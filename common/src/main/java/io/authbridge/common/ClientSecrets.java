package io.authbridge.common;

import io.authbridge.common.core.SecretMatcher;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSecretConstants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCClientSecretConfigWrapper;
import org.keycloak.vault.VaultStringSecret;

/**
 * The secrets a confidential client may prove itself with right now, read the way Keycloak's own
 * {@code ClientIdAndSecretAuthenticator} reads them: the current secret unless it has expired, and during the grace
 * period of client-secret rotation the previous (rotated) one. Vault references such as {@code ${vault.key}} are
 * resolved. Which of them a proof matches is decided by {@link SecretMatcher}.
 *
 * <p>The rotated secret is read from its client attribute rather than through
 * {@code OIDCClientSecretConfigWrapper.getClientRotatedSecret}, whose signature differs between Keycloak 26 lines
 * (no argument up to 26.4, a session from 26.5): the attribute name is the same on every line.
 *
 * @param current the current secret in clear; null when the client has none or it has expired
 * @param rotated the rotated secret in clear; null when there is none or its grace period is over
 */
public record ClientSecrets(String current, String rotated) {

    /** Event detail: set to {@code rotated} when a client proved itself with its rotated secret. */
    public static final String DETAIL_SECRET_USED = "client_secret_used";

    /** No usable secret (unknown or disabled client): callers still do the same work with a placeholder. */
    public static final ClientSecrets NONE = new ClientSecrets(null, null);

    public static ClientSecrets of(KeycloakSession session, ClientModel client) {
        OIDCClientSecretConfigWrapper wrapper = OIDCClientSecretConfigWrapper.fromClientModel(client);
        if (wrapper.isClientSecretExpired()) {
            return NONE; // Keycloak refuses an expired secret, and then the rotated one too
        }
        String current = resolve(session, client.getSecret());
        String rotated = wrapper.hasRotatedSecret() && !wrapper.isClientRotatedSecretExpired()
                ? resolve(session, client.getAttribute(ClientSecretConstants.CLIENT_ROTATED_SECRET))
                : null;
        return new ClientSecrets(current, rotated);
    }

    /** Records on the event that the rotated secret was used, so admins see who has yet to switch. */
    public static void recordSlot(EventBuilder event, SecretMatcher.Slot slot) {
        if (slot == SecretMatcher.Slot.ROTATED) {
            event.detail(DETAIL_SECRET_USED, "rotated");
        }
    }

    private static String resolve(KeycloakSession session, String secret) {
        if (secret == null) {
            return null;
        }
        try (VaultStringSecret vault = session.vault().getStringSecret(secret)) {
            return vault.get().orElse(secret);
        }
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "ClientSecrets[current=" + (current == null ? "none" : "***") + ", rotated=" + (rotated == null ? "none" : "***") + "]";
    }
}
