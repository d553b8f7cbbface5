package io.authbridge.hmac.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authbridge.common.EndpointFailures;
import io.authbridge.common.FailedCheck;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.KeycloakGrants;
import io.authbridge.common.OAuthErrors;
import io.authbridge.hmac.ApiKeyAuthentication;
import io.authbridge.hmac.ApiKeyHeaders;
import io.authbridge.hmac.ApiKeyRequest;
import io.authbridge.hmac.ApiKeySettings;
import io.authbridge.hmac.core.HmacSha256;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.util.JsonSerialization;

/**
 * {@code POST /realms/{realm}/api-key/login/session}: the legacy admin-token call, wire-compatible. Same headers
 * ({@code x-authentication-api-key}, {@code x-authentication-signature}, {@code x-multitenant-external-id}), same body
 * ({@code {"timestamp": <milliseconds>}}), same answer ({@code {"accessToken": …, "refreshToken": …}}, plus
 * {@code expiresIn}, {@code refreshExpiresIn} and {@code tokenType}).
 * <p>
 * The key is verified exactly as at the token endpoint ({@link ApiKeyAuthentication}); the tokens are then made by
 * Keycloak's own client-credentials grant ({@link KeycloakGrants#clientCredentialsWithRefreshToken}), so they are
 * the client's service-account tokens, client policies (such as {@code ip-allowlist}) apply, the event is
 * {@code CLIENT_LOGIN}, and the refresh token works at the standard token endpoint. Errors are OAuth JSON: 400 malformed, 401 bad key, signature or
 * timestamp, 403 tenant or address not allowed.
 */
public class ApiKeyLoginResource {

    /** A {@code {"timestamp":…}} body is a few dozen bytes; anything this large is not one. */
    static final int MAX_BODY_BYTES = 8 * 1024;
    private static final String BODY_SHAPE = "The body must be a JSON object {\"timestamp\": <milliseconds since the epoch>}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ApiKeyLoginResource.class);

    private final KeycloakSession session;

    public ApiKeyLoginResource(KeycloakSession session) {
        this.session = session;
    }

    /** The raw body is the parameter: the legacy signature may cover it as sent, minified. */
    @POST
    @Path("login/session")
    public Response login(byte[] body) {
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.CLIENT_LOGIN);
        try {
            return EndpointFailures.commitBeforeAnswering(session, login(realm, event, body == null ? new byte[0] : body));
        } catch (WebApplicationException e) {
            throw e; // Keycloak's own answers (the grant's OAuth errors) and client-policy executors' (ip-allowlist: 403)
        } catch (RuntimeException e) {
            return EndpointFailures.unexpected(session, LOG, "API-key login", e, event).build();
        }
    }

    private Response login(RealmModel realm, EventBuilder event, byte[] body) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String apiKey = headers.getHeaderString(ApiKeyHeaders.API_KEY);
        if (ApiKeyAuthentication.isWellFormedKey(apiKey)) {
            event.client(apiKey); // the key named, even when the request fails before it is looked up
        }
        if (!realm.isEnabled()) {
            return fail(event, FailedCheck.REALM, 403, OAuthErrorException.ACCESS_DENIED, "Realm not enabled", Errors.REALM_DISABLED);
        }
        if (realm.getSslRequired().isRequired(session.getContext().getConnection())
                && !"https".equals(session.getContext().getUri().getBaseUri().getScheme())) {
            return fail(event, FailedCheck.REALM, 403, OAuthErrorException.INVALID_REQUEST, "HTTPS required", Errors.SSL_REQUIRED);
        }
        String signature = headers.getHeaderString(ApiKeyHeaders.SIGNATURE);
        if (apiKey == null || signature == null) {
            return fail(event, FailedCheck.REQUEST, 400, OAuthErrorException.INVALID_REQUEST, "The headers "
                    + ApiKeyHeaders.API_KEY + " and " + ApiKeyHeaders.SIGNATURE + " are required", Errors.INVALID_REQUEST);
        }
        if (body.length > MAX_BODY_BYTES) {
            return fail(event, FailedCheck.REQUEST, 400, OAuthErrorException.INVALID_REQUEST, BODY_SHAPE, Errors.INVALID_REQUEST);
        }
        String timestamp = timestampOf(body);
        if (timestamp == null) {
            return fail(event, FailedCheck.REQUEST, 400, OAuthErrorException.INVALID_REQUEST, BODY_SHAPE, Errors.INVALID_REQUEST);
        }

        ApiKeyAuthentication authentication;
        try {
            authentication = new ApiKeyAuthentication(session, realm, event);
        } catch (InvalidSettingsException e) {
            FailedCheck.SETTINGS.on(event).detail(Details.REASON, ApiKeySettings.MISCONFIGURED_REASON).error(Errors.INVALID_CONFIG);
            return ApiKeySettings.misconfigured(realm, e);
        }
        ApiKeyAuthentication.Outcome outcome = authentication.verify(new ApiKeyRequest(apiKey, signature,
                headers.getHeaderString(ApiKeyHeaders.TENANT), timestamp, "POST",
                session.getContext().getUri().getRequestUri().getRawPath(),
                new String(body, StandardCharsets.UTF_8), HmacSha256.sha256Hex(body)));
        if (outcome instanceof ApiKeyAuthentication.Refused refused) {
            event.error(refused.eventError()); // the check and the reason are on the event already
            return OAuthErrors.response(refused.status(), refused.error(), refused.description());
        }
        ApiKeyAuthentication.Verified verified = (ApiKeyAuthentication.Verified) outcome;
        return issueTokens(event, verified);
    }

    /** Tokens from Keycloak's client-credentials grant, re-shaped into the legacy answer. */
    private Response issueTokens(EventBuilder event, ApiKeyAuthentication.Verified verified) {
        Map<String, String> clientAuthAttributes = new HashMap<>();
        if (verified.tenant() != null) {
            clientAuthAttributes.put(ApiKeyAuthentication.TENANT_NOTE, verified.tenant());
        }
        if (verified.organizationId() != null) {
            clientAuthAttributes.put(ApiKeyAuthentication.ORGANIZATION_NOTE, verified.organizationId());
        }
        Response response = KeycloakGrants.clientCredentialsWithRefreshToken(session, verified.client(),
                clientAuthAttributes, event);
        if (!(response.getEntity() instanceof AccessTokenResponse tokens)) {
            return response; // not a token response: pass Keycloak's answer on unchanged
        }
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("accessToken", tokens.getToken());
        legacy.put("refreshToken", tokens.getRefreshToken());
        legacy.put("tokenType", tokens.getTokenType());
        legacy.put("expiresIn", tokens.getExpiresIn());
        legacy.put("refreshExpiresIn", tokens.getRefreshExpiresIn());
        try {
            return OAuthErrors.noStore(Response.ok(JsonSerialization.writeValueAsBytes(legacy), "application/json")).build();
        } catch (IOException e) {
            throw new IllegalStateException("token response not serialisable", e);
        }
    }

    /**
     * The digits of {@code timestamp} in a JSON object body, given as a number or a string; null when the body is
     * not such an object (the signature check then rejects a string of anything but digits).
     */
    static String timestampOf(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode timestamp = root.get("timestamp");
        if (timestamp == null) {
            return null;
        }
        if (timestamp.isIntegralNumber() || timestamp.isTextual()) {
            String digits = timestamp.asText();
            return digits.chars().allMatch(c -> c >= '0' && c <= '9') && !digits.isEmpty() ? digits : null;
        }
        return null;
    }

    private static Response fail(EventBuilder event, FailedCheck check, int status, String error, String description,
                                 String eventError) {
        check.on(event).detail(Details.REASON, description).error(eventError);
        return OAuthErrors.response(status, error, description);
    }
}
