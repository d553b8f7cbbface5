package io.authbridge.common;

import java.util.Map;

import org.keycloak.models.RealmModel;

/**
 * A factory of an AuthBridge step (authenticator or client authenticator) whose settings are checked when the admin
 * saves them: {@link AuthenticatorSettingsFilter} refuses the save with the message, so what is stored is always
 * usable and no request falls back to defaults.
 */
public interface ValidatedSettings {

    /**
     * @param config the settings as the admin console sends them (multi-valued ones joined by {@code ##})
     * @throws InvalidSettingsException with a message for the admin
     */
    void validateSettings(RealmModel realm, Map<String, String> config);
}
