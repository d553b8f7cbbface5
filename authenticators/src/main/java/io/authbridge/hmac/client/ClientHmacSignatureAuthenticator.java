package io.authbridge.hmac.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.authbridge.common.FailedCheck;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.OAuthErrors;
import io.authbridge.hmac.ApiKeyAuthentication;
import io.authbridge.hmac.ApiKeyHeaders;
import io.authbridge.hmac.ApiKeyRequest;
import io.authbridge.hmac.ApiKeySettings;
import io.authbridge.hmac.core.FormCanonicalizer;
import io.authbridge.hmac.core.HmacSha256;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.ClientAuthenticationFlowContext;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.ClientAuthenticatorFactory;
import org.keycloak.authentication.FlowStatus;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderFactory;

/**
 * A partner's API key proves itself at the token endpoint — and wherever Keycloak authenticates clients: refresh,
 * introspection, revocation — with the legacy platform's headers: {@code x-authentication-api-key} (the client_id),
 * {@code x-authentication-signature} (hex HMAC-SHA256 keyed with the client secret) and, for keys with tenants,
 * {@code x-multitenant-external-id}. The form body is OAuth's, so the timestamp travels in
 * {@code x-authentication-timestamp}; in legacy mode the signature covers {@code {"timestamp":"<ts>"}} or
 * {@code {"timestamp":<ts>}} — exactly what the partner signs for the legacy endpoint.
 * <p>
 * Keycloak takes the result of the authenticator whose id is the identified client's authenticator type, so this one
 * answers only for API-key clients and reports {@code attempted()} for every other request. Verification is
 * {@link ApiKeyAuthentication}, shared with the legacy endpoint.
 * <p>
 * A refresh may instead carry the client secret (HTTP Basic or {@code client_secret}), checked by Keycloak's own
 * {@code client-secret} authenticator; new tokens always take a signature.
 * <p>
 * The verified tenant goes into the client-auth attributes, which Keycloak's grants copy into the user session as the
 * note {@value ApiKeyAuthentication#TENANT_NOTE}. A refresh keeps the tenant the tokens were first issued for: its
 * tenant header is verified like any other but does not replace the session's.
 */
public class ClientHmacSignatureAuthenticator implements ClientAuthenticator {

    @Override
    public void authenticateClient(ClientAuthenticationFlowContext context) {
        MultivaluedMap<String, String> headers = context.getHttpRequest().getHttpHeaders().getRequestHeaders();
        String apiKey = headers.getFirst(ApiKeyHeaders.API_KEY);
        MultivaluedMap<String, String> form = form(context);
        String formClientId = form.getFirst(OAuth2Constants.CLIENT_ID);

        if (apiKey == null) {
            ClientModel named = context.getClient() != null ? context.getClient()
                    : formClientId == null ? null : context.getSession().clients().getClientByClientId(context.getRealm(), formClientId);
            if (ApiKeyAuthentication.isApiKeyClient(named) && isRefresh(form)) {
                refreshWithSecret(context, named);
            } else if (ApiKeyAuthentication.isApiKeyClient(named)) {
                FailedCheck.REQUEST.on(context.getEvent().client(named)).detail(Details.REASON, "API-key headers missing");
                context.setClient(named);
                context.challenge(OAuthErrors.response(401, OAuthErrorException.INVALID_CLIENT,
                        "This client authenticates with an HMAC signature: send " + ApiKeyHeaders.API_KEY + ", "
                                + ApiKeyHeaders.SIGNATURE + " and " + ApiKeyHeaders.TIMESTAMP));
            } else {
                context.attempted();
            }
            return;
        }
        ClientModel identified = context.getClient();
        if ((formClientId != null && !formClientId.equals(apiKey)) || (identified != null && !identified.getClientId().equals(apiKey))) {
            // The refusal belongs to whichever side is an API key: the header's client, else the one client_id (or an
            // earlier step) named. Keycloak takes an answer only from the authenticator of the client it ends up
            // with, and treats "attempted" from that authenticator as an internal error (an ERROR line on 26.0–26.6).
            ClientModel apiKeyClient = context.getSession().clients().getClientByClientId(context.getRealm(), apiKey);
            ClientModel named = identified != null ? identified
                    : context.getSession().clients().getClientByClientId(context.getRealm(), formClientId);
            ClientModel refusedClient = ApiKeyAuthentication.isApiKeyClient(apiKeyClient) ? apiKeyClient
                    : ApiKeyAuthentication.isApiKeyClient(named) ? named : null;
            if (refusedClient != null) {
                FailedCheck.CLIENT.on(context.getEvent().client(refusedClient)).detail(Details.REASON, "client_id does not match the API key");
                context.setClient(refusedClient);
                context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, OAuthErrors.response(400,
                        OAuthErrorException.INVALID_REQUEST, "client_id does not match " + ApiKeyHeaders.API_KEY));
            } else {
                context.attempted();
            }
            return;
        }

        ApiKeyAuthentication authentication;
        try {
            authentication = new ApiKeyAuthentication(context.getSession(), context.getRealm(), context.getEvent());
        } catch (InvalidSettingsException e) {
            // Stored past the admin console's check (a realm import): requests of API-key clients get a clear 503
            // (Keycloak takes a failure only from the authenticator of the client it names), nothing else changes.
            ClientModel client = context.getSession().clients().getClientByClientId(context.getRealm(), apiKey);
            if (!ApiKeyAuthentication.isApiKeyClient(client)) {
                context.attempted();
                return;
            }
            context.setClient(client);
            FailedCheck.SETTINGS.on(context.getEvent().client(client)).detail(Details.REASON, ApiKeySettings.MISCONFIGURED_REASON);
            context.failure(AuthenticationFlowError.INTERNAL_ERROR, ApiKeySettings.misconfigured(context.getRealm(), e));
            return;
        }
        ApiKeyAuthentication.Outcome outcome = authentication.verify(new ApiKeyRequest(apiKey,
                headers.getFirst(ApiKeyHeaders.SIGNATURE), headers.getFirst(ApiKeyHeaders.TENANT),
                headers.getFirst(ApiKeyHeaders.TIMESTAMP), context.getHttpRequest().getHttpMethod(), path(context),
                null, HmacSha256.sha256Hex(FormCanonicalizer.canonical(form).getBytes(StandardCharsets.UTF_8))));

        if (outcome instanceof ApiKeyAuthentication.Verified verified) {
            context.setClient(verified.client());
            if (!isRefresh(form) && verified.tenant() != null) {
                context.getClientAuthAttributes().put(ApiKeyAuthentication.TENANT_NOTE, verified.tenant());
                if (verified.organizationId() != null) {
                    context.getClientAuthAttributes().put(ApiKeyAuthentication.ORGANIZATION_NOTE, verified.organizationId());
                }
            }
            context.success();
        } else if (outcome instanceof ApiKeyAuthentication.Refused refused) {
            if (refused.client() == null) {
                // Not an API-key client: Keycloak answers 401 invalid_client unless another authenticator succeeds.
                context.attempted();
                return;
            }
            context.setClient(refused.client());
            // Keycloak records the flow error (lower-cased) as the event's error; the reason detail says more. With no
            // response of ours, Keycloak writes its answer for an unknown client: the same bytes in every such case.
            context.failure(Errors.CLIENT_DISABLED.equals(refused.eventError())
                            ? AuthenticationFlowError.CLIENT_DISABLED : AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS,
                    refused.isInvalidClient() ? null : OAuthErrors.response(refused.status(), refused.error(), refused.description()));
        }
    }

    /**
     * A refresh may also be authenticated with the client secret (HTTP Basic or {@code client_secret}), as for any
     * confidential client: it only continues a session the API key opened with a signature. Issuing new tokens
     * (client_credentials) always takes a signature.
     * <p>
     * The secret is checked by Keycloak's own {@code client-secret} authenticator ({@code ClientIdAndSecretAuthenticator})
     * run on this context, so its rules hold as on each Keycloak line: current or rotated secret, expiry, vault, the
     * allowed secret method. Only its refusal is replaced, so that it looks like every other API-key refusal.
     */
    private static void refreshWithSecret(ClientAuthenticationFlowContext context, ClientModel client) {
        context.getEvent().client(client);
        ProviderFactory<ClientAuthenticator> factory = context.getSession().getKeycloakSessionFactory()
                .getProviderFactory(ClientAuthenticator.class, KeycloakModelUtils.AUTH_TYPE_CLIENT_SECRET);
        if (factory instanceof ClientAuthenticatorFactory secretAuthenticator) {
            secretAuthenticator.create().authenticateClient(context);
        }
        // Keycloak's authenticator identifies the client itself (client_id, else the Basic username): the secret of
        // another client proves nothing for this one.
        boolean sameClient = context.getClient() != null && client.getId().equals(context.getClient().getId());
        if (sameClient && context.getStatus() == FlowStatus.SUCCESS) {
            return;
        }
        context.setClient(client);
        if (context.getStatus() == FlowStatus.CHALLENGE) {
            FailedCheck.REQUEST.on(context.getEvent()).detail(Details.REASON, "no API-key signature and no client secret");
            context.challenge(OAuthErrors.response(401, OAuthErrorException.INVALID_CLIENT,
                    "Authenticate the refresh with the API-key headers or the client secret"));
            return;
        }
        FailedCheck.CLIENT_SECRET.on(context.getEvent()).detail(Details.REASON, "client secret does not match");
        // No response: Keycloak's answer for an unknown client, as for every other API-key refusal.
        context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, null);
    }

    private static boolean isRefresh(MultivaluedMap<String, String> form) {
        return OAuth2Constants.REFRESH_TOKEN.equals(form.getFirst(OAuth2Constants.GRANT_TYPE));
    }

    private static String path(ClientAuthenticationFlowContext context) {
        URI uri = context.getHttpRequest().getUri().getRequestUri();
        return uri.getRawPath();
    }

    private static MultivaluedMap<String, String> form(ClientAuthenticationFlowContext context) {
        MediaType mediaType = context.getHttpRequest().getHttpHeaders().getMediaType();
        MultivaluedMap<String, String> form = mediaType != null && mediaType.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                ? context.getHttpRequest().getDecodedFormParameters() : null;
        return form == null ? new MultivaluedHashMap<>() : form;
    }

    @Override
    public void close() {
    }
}
