package io.authbridge.common.core;

/**
 * Which of a client's secrets ({@link io.authbridge.common.ClientSecrets}) a request was signed or hashed with. Pure
 * (no Keycloak types), so the verifiers in the features' core packages can return it.
 */
public enum ClientSecretSlot {
    CURRENT,
    /** The previous secret, accepted until the rotation's grace period ends. */
    ROTATED
}
