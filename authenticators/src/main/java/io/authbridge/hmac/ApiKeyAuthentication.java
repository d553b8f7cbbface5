package io.authbridge.hmac;

import java.util.List;
import java.util.Optional;

import io.authbridge.common.ClientSecrets;
import io.authbridge.common.FailedCheck;
import io.authbridge.common.OAuthErrors;
import io.authbridge.common.core.SecretMatcher;
import io.authbridge.hmac.core.ApiKeySignatureVerifier;
import io.authbridge.hmac.core.ApiKeyTimestamp;
import io.authbridge.hmac.core.HmacSha256;
import io.authbridge.hmac.core.LegacySignedMessages;
import io.authbridge.hmac.core.SigningMode;
import io.authbridge.hmac.core.StrictCanonicalRequest;
import io.authbridge.hmac.core.TenantList;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Verifies an API-key request for both endpoints (token endpoint and legacy {@code api-key} endpoint), so they accept
 * and refuse exactly the same requests:
 * <ol>
 * <li>syntax: signature of 64 hex digits, timestamp of digits, well-formed tenant — else 400;</li>
 * <li>the key names an enabled confidential client whose authenticator is {@code client-hmac-signature}, with a
 * valid configuration, not locked out, and the signature matches its current or rotated secret — else 401 with
 * Keycloak's wording, the same answer and the same signature work for every case (the event's {@code reason} says
 * which), and a wrong signature counts towards the key's lockout;</li>
 * <li>the timestamp is within the maximum age and clock skew — else 401 saying which;</li>
 * <li>the tenant header is present exactly when the key has tenants (else 400), and allowed (else 403);</li>
 * <li>the signature was not used before (unless the admin turned that off for the key) — else 401.</li>
 * </ol>
 * Nothing is stored for a refused request except the failure count of a wrong signature.
 */
public final class ApiKeyAuthentication {

    /** User-session note (and token claim through a mapper): the tenant the tokens were issued for. */
    public static final String TENANT_NOTE = "authbridge.tenant";
    /** User-session note: the id of the Keycloak Organization whose alias is the tenant, where one exists. */
    public static final String ORGANIZATION_NOTE = "authbridge.tenant.organization-id";
    public static final String DETAIL_TENANT = "tenant";
    public static final String ERROR_LOCKED = "client_temporarily_locked";
    /** Keycloak's database column for a client_id holds 255 characters. */
    static final int MAX_API_KEY_LENGTH = 255;

    private static final Logger LOG = Logger.getLogger(ApiKeyAuthentication.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ApiKeySettings settings;
    private final EventBuilder event;

    public ApiKeyAuthentication(KeycloakSession session, RealmModel realm, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.settings = ApiKeySettings.forRealm(realm);
        this.event = event;
    }

    public ApiKeySettings settings() {
        return settings;
    }

    /** The result of a verification. */
    public sealed interface Outcome {
    }

    /**
     * @param organizationId the Keycloak Organization whose alias is the tenant, or null
     */
    public record Verified(ClientModel client, String tenant, String organizationId, SecretMatcher.Slot slot) implements Outcome {
    }

    /**
     * @param client     the API-key client when the key named one (an identified client for the event), else null
     * @param eventError the event's error code
     */
    public record Refused(int status, String error, String description, String eventError, ClientModel client) implements Outcome {

        /** Keycloak's one answer for every client-authentication failure, which must not tell the caller which. */
        public boolean isInvalidClient() {
            return status == 401 && OAuthErrorException.INVALID_CLIENT.equals(error)
                    && OAuthErrors.INVALID_CLIENT_DESCRIPTION.equals(description);
        }
    }

    public Outcome verify(ApiKeyRequest request) {
        event.detail(Details.CLIENT_AUTH_METHOD, HmacProviderIds.CLIENT_AUTHENTICATOR);
        // 1. The key: looked up first, so that a malformed request for an API-key client is answered as one.
        if (!isWellFormedKey(request.apiKey())) {
            return malformed("x-authentication-api-key must be a client_id of at most " + MAX_API_KEY_LENGTH + " characters", null);
        }
        event.client(request.apiKey());
        ClientModel client = session.clients().getClientByClientId(realm, request.apiKey());
        boolean apiKeyClient = isApiKeyClient(client);
        ApiKeyClientConfig config = null;
        String invalidConfig = null;
        if (apiKeyClient) {
            try {
                config = ApiKeyClientConfig.of(client);
            } catch (IllegalArgumentException e) {
                // Told to the admin (log, event), not to the caller: before a valid signature, a misconfigured key
                // must look like an unknown one.
                invalidConfig = e.getMessage();
                LOG.warnf("API key %s in realm %s has an invalid configuration: %s", client.getClientId(), realm.getName(), invalidConfig);
            }
        }
        // 2. Syntax.
        byte[] signature = HmacSha256.parseHex(request.signature());
        if (signature == null) {
            return malformed("x-authentication-signature must be 64 hexadecimal digits (HMAC-SHA256)", apiKeyClient ? client : null);
        }
        long timestamp;
        try {
            timestamp = ApiKeyTimestamp.parse(request.timestamp());
        } catch (IllegalArgumentException e) {
            return malformed(e.getMessage(), apiKeyClient ? client : null);
        }
        String tenant = request.tenant();
        if (tenant != null && !TenantList.isWellFormed(tenant)) {
            return malformed("x-multitenant-external-id must be 1 to " + TenantList.MAX_TENANT_LENGTH
                    + " printable ASCII characters without spaces or commas", apiKeyClient ? client : null);
        }

        // 3. The signature.
        // Only a key that can log in is checked against its own secrets; unknown, non-API-key, disabled and
        // misconfigured keys against the placeholder in legacy mode, so they all cost the same and answer alike.
        boolean usable = apiKeyClient && client.isEnabled() && config != null;
        FailedSignatureLockout lockout = new FailedSignatureLockout(session.singleUseObjects(), settings);
        if (usable && lockout.isLocked(client)) {
            return refused(FailedCheck.LOCKOUT, 401, OAuthErrorException.INVALID_CLIENT,
                    "Too many wrong signatures for this API key; try again in a few minutes", ERROR_LOCKED, client,
                    "API key locked after repeated wrong signatures");
        }
        ClientSecrets secrets = usable ? ClientSecrets.of(session, client) : ClientSecrets.NONE;
        SigningMode mode = usable ? config.signingMode() : SigningMode.LEGACY;
        Optional<SecretMatcher.Slot> slot = ApiKeySignatureVerifier.verify(signature, signedMessages(request, mode),
                secrets.current(), secrets.rotated());
        if (!apiKeyClient) {
            return invalidClient(FailedCheck.CLIENT, Errors.CLIENT_NOT_FOUND, null, client == null ? "client not found"
                    : "client does not authenticate with " + HmacProviderIds.CLIENT_AUTHENTICATOR);
        }
        event.client(client);
        if (!client.isEnabled()) {
            return invalidClient(FailedCheck.CLIENT, Errors.CLIENT_DISABLED, client, "client disabled");
        }
        if (config == null) {
            return invalidClient(FailedCheck.SETTINGS, Errors.INVALID_CLIENT, client, "invalid API-key configuration: " + invalidConfig);
        }
        if (slot.isEmpty()) {
            boolean locked = lockout.recordFailure(client);
            return invalidClient(FailedCheck.SIGNATURE, Errors.INVALID_CLIENT_CREDENTIALS, client, "signature does not match the client secret ("
                    + mode.configValue() + " signing)" + (locked ? "; API key locked" : ""));
        }

        // 4. The timestamp (only now: an unsigned timestamp tells nothing).
        long now = Time.currentTimeMillis();
        switch (ApiKeyTimestamp.check(timestamp, now, settings.maxAgeSeconds(), settings.clockSkewSeconds())) {
            case TOO_OLD -> {
                return refused(FailedCheck.TIMESTAMP, 401, OAuthErrorException.INVALID_CLIENT, "The timestamp is older than "
                        + settings.maxAgeSeconds() + " seconds", Errors.INVALID_CLIENT_CREDENTIALS, client, "timestamp too old");
            }
            case IN_FUTURE -> {
                return refused(FailedCheck.TIMESTAMP, 401, OAuthErrorException.INVALID_CLIENT, "The timestamp is more than "
                        + settings.clockSkewSeconds() + " seconds ahead of the server's clock",
                        Errors.INVALID_CLIENT_CREDENTIALS, client, "timestamp in the future");
            }
            case FRESH -> {
            }
        }

        // 5. The tenant.
        String organizationId = null;
        if (tenant == null) {
            if (config.tenants().requiresTenant()) {
                return refused(FailedCheck.TENANT, 400, OAuthErrorException.INVALID_REQUEST, "x-multitenant-external-id is required for this API key",
                        Errors.INVALID_REQUEST, client, "tenant missing");
            }
        } else {
            event.detail(DETAIL_TENANT, tenant);
            if (!config.tenants().allows(tenant)) {
                return refused(FailedCheck.TENANT, 403, OAuthErrorException.ACCESS_DENIED, "This API key may not act for tenant " + tenant,
                        Errors.ACCESS_DENIED, client, "tenant not allowed");
            }
            OrganizationModel organization = organizationOf(tenant);
            if (organization != null) {
                if (!organization.isEnabled()) {
                    return refused(FailedCheck.TENANT, 403, OAuthErrorException.ACCESS_DENIED, "The organization of tenant " + tenant + " is disabled",
                            Errors.ACCESS_DENIED, client, "tenant's organization disabled");
                }
                organizationId = organization.getId();
            }
        }

        // 6. Single use: only a verified, acceptable signature is marked, so a forged one cannot block the genuine one.
        if (config.replayProtection()
                && !new SignatureReplayCache(session.singleUseObjects(), settings).markUsed(client, signature)) {
            return refused(FailedCheck.REPLAY, 401, OAuthErrorException.INVALID_CLIENT, "This signature was already used; sign a new timestamp",
                    Errors.INVALID_CLIENT_CREDENTIALS, client, "signature replayed");
        }
        ClientSecrets.recordSlot(event, slot.get());
        return new Verified(client, tenant, organizationId, slot.get());
    }

    /** Whether {@code apiKey} can name a client at all: present and no longer than a client_id can be. */
    public static boolean isWellFormedKey(String apiKey) {
        return apiKey != null && !apiKey.isEmpty() && apiKey.length() <= MAX_API_KEY_LENGTH;
    }

    /** A confidential client set to authenticate with {@code client-hmac-signature}. */
    public static boolean isApiKeyClient(ClientModel client) {
        return client != null && !client.isPublicClient() && !client.isBearerOnly()
                && HmacProviderIds.CLIENT_AUTHENTICATOR.equals(client.getClientAuthenticatorType());
    }

    private static List<byte[]> signedMessages(ApiKeyRequest request, SigningMode mode) {
        return switch (mode) {
            case LEGACY -> LegacySignedMessages.candidates(request.jsonBody(), request.timestamp());
            case STRICT -> List.of(StrictCanonicalRequest.bytes(request.timestamp(), request.method(), request.path(),
                    request.tenant(), request.bodySha256Hex()));
        };
    }

    /**
     * The Organization whose alias is the tenant, when the realm uses Organizations. The relation is by alias only:
     * the tenant list on the API key stays the authority on what the key may do.
     */
    private OrganizationModel organizationOf(String tenant) {
        if (!realm.isOrganizationsEnabled()) {
            return null;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null) {
            return null;
        }
        return organizations.getByAlias(tenant);
    }

    private Refused malformed(String description, ClientModel apiKeyClient) {
        FailedCheck.REQUEST.on(event).detail(Details.REASON, "malformed API-key request: " + description);
        return new Refused(400, OAuthErrorException.INVALID_REQUEST, description, Errors.INVALID_REQUEST, apiKeyClient);
    }

    /** Unknown, non-API-key, disabled or misconfigured key, or wrong signature: one answer; the event says which. */
    private Refused invalidClient(FailedCheck check, String eventError, ClientModel client, String reason) {
        return refused(check, 401, OAuthErrorException.INVALID_CLIENT, OAuthErrors.INVALID_CLIENT_DESCRIPTION, eventError, client, reason);
    }

    private Refused refused(FailedCheck check, int status, String error, String description, String eventError,
                            ClientModel client, String reason) {
        check.on(event).detail(Details.REASON, reason);
        return new Refused(status, error, description, eventError, client);
    }
}
