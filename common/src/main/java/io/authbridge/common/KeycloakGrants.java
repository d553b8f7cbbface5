package io.authbridge.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.representations.AccessTokenResponse;
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
        session.getContext().setClient(client);
        form.putSingle(OAuth2Constants.GRANT_TYPE, grantType);
        OAuth2GrantType.Context context = new OAuth2GrantType.Context(session, OIDCAdvancedConfigWrapper.fromClientModel(client),
                clientAuthAttributes, form, event, Cors.builder().allowedMethods("POST"), new TokenManager());
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
