package io.authbridge.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCConfigAttributes;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.cors.Cors;
import org.keycloak.util.JsonSerialization;

/**
 * Runs one of Keycloak's own grant types from an AuthBridge endpoint, as Keycloak's token endpoint runs it once the
 * client is authenticated: the grant's checks, client policies, events, flows and token building stay Keycloak's.
 * The endpoint only authenticates the client (or hands the flow what it needs) and reshapes the answer.
 */
public final class KeycloakGrants {

    private KeycloakGrants() {
    }

    /** Keycloak's registered grant type for {@code grantType} (e.g. {@code password}). */
    public static OAuth2GrantType grant(KeycloakSession session, String grantType) {
        OAuth2GrantType grant = session.getProvider(OAuth2GrantType.class, grantType);
        if (grant == null) {
            throw new IllegalStateException("Keycloak has no " + grantType + " grant type");
        }
        return grant;
    }

    /**
     * @param form                 the grant's parameters; {@code grant_type} is set to the grant's
     * @param clientAuthAttributes what client authentication found (e.g. an API key's tenant), kept in the session
     * @return the grant's answer: the token response (entity {@code AccessTokenResponse}) or a flow's challenge;
     *         Keycloak's refusals are thrown as its own {@code WebApplicationException}s
     */
    public static Response run(OAuth2GrantType grant, String grantType, KeycloakSession session, ClientModel client,
                               MultivaluedMap<String, String> form, Map<String, String> clientAuthAttributes, EventBuilder event) {
        return run(grant, grantType, session, client, OIDCAdvancedConfigWrapper.fromClientModel(client), form,
                clientAuthAttributes, event);
    }

    /**
     * Keycloak's client-credentials grant, issuing a refresh token (and so keeping the session) whatever the
     * client's "Use refresh tokens for client credentials grant" switch says: the grant reads that switch from the
     * client configuration it is given, which here is the client's own with the switch on. Every 26 line reads it
     * there (26.5+ through {@code useRefreshToken()}), so no Keycloak class is subclassed.
     */
    public static Response clientCredentialsWithRefreshToken(KeycloakSession session, ClientModel client,
                                                             Map<String, String> clientAuthAttributes, EventBuilder event) {
        ClientRepresentation view = new ClientRepresentation();
        view.setClientId(client.getClientId());
        view.setAttributes(new HashMap<>(client.getAttributes()));
        view.getAttributes().put(OIDCConfigAttributes.USE_REFRESH_TOKEN_FOR_CLIENT_CREDENTIALS_GRANT, "true");
        return run(grant(session, OAuth2Constants.CLIENT_CREDENTIALS), OAuth2Constants.CLIENT_CREDENTIALS, session, client,
                OIDCAdvancedConfigWrapper.fromClientRepresentation(view), new MultivaluedHashMap<>(), clientAuthAttributes, event);
    }

    private static Response run(OAuth2GrantType grant, String grantType, KeycloakSession session, ClientModel client,
                                OIDCAdvancedConfigWrapper clientConfig, MultivaluedMap<String, String> form,
                                Map<String, String> clientAuthAttributes, EventBuilder event) {
        session.getContext().setClient(client);
        form.putSingle(OAuth2Constants.GRANT_TYPE, grantType);
        OAuth2GrantType.Context context = new OAuth2GrantType.Context(session, clientConfig, clientAuthAttributes, form,
                event, Cors.builder().allowedMethods("POST"), new TokenManager());
        return grant.process(context);
    }

    /** The token response as the exact JSON bytes sent (callers that sign or hash the body need them). */
    public static byte[] json(AccessTokenResponse response) {
        try {
            return JsonSerialization.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
