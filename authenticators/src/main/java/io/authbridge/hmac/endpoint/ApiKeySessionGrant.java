package io.authbridge.hmac.endpoint;

import org.keycloak.protocol.oidc.grants.ClientCredentialsGrantType;

/**
 * Keycloak's own client-credentials grant — service-account checks, client policies
 * ({@code SERVICE_ACCOUNT_TOKEN_REQUEST} and its response event), events, token building — with one difference:
 * it always issues a refresh token (and so keeps the session), because the legacy endpoint's answer promises one
 * whatever the client's "Use refresh tokens for client credentials grant" switch says.
 */
final class ApiKeySessionGrant extends ClientCredentialsGrantType {

    @Override
    protected boolean useRefreshToken() {
        return true;
    }
}
