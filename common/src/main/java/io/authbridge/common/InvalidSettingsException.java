package io.authbridge.common;

/**
 * Settings an admin saved that AuthBridge cannot work with. The message is for the admin console: it names the
 * setting as the console labels it and says what is allowed, e.g. "Nonce lifetime (seconds): a whole number from 10
 * to 86400".
 */
public class InvalidSettingsException extends RuntimeException {

    public InvalidSettingsException(String message) {
        super(message);
    }
}
