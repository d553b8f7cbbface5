package io.authbridge.hmac.mapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.authbridge.hmac.ApiKeyAuthentication;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * The tenant an API key logged in for (its {@code x-multitenant-external-id}) as a token claim: one choice in the
 * admin console (<em>Client scopes → Add mapper → By configuration → API-key tenant</em>) instead of a hand-made
 * <em>User Session Note</em> mapper that must name AuthBridge's note. Applies to tokens from
 * {@code /api-key/login/session} and from the token endpoint alike (both keep the tenant in the same session note),
 * to refreshed tokens and to introspection.
 */
public class ApiKeyTenantMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "authbridge-api-key-tenant";
    public static final String DEFAULT_CLAIM = "tenant";
    public static final String ORGANIZATION_CLAIM = "organization.claim.name";
    public static final String DEFAULT_ORGANIZATION_CLAIM = "tenant_organization_id";
    /** A top-level claim: no dots (Keycloak's mappers would nest them), no spaces. */
    private static final Pattern CLAIM_NAME = Pattern.compile("[^.\\s]{1,255}");
    /** Claims Keycloak writes itself (JWT and OpenID Connect): a second value would make the token ambiguous. */
    private static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "typ", "azp",
            "sid", "auth_time", "acr", "scope", "client_id", "nonce", "session_state", "preferred_username");

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        ProviderConfigProperty claim = new ProviderConfigProperty(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, "Tenant claim name",
                "Name of the claim that carries the tenant (a top-level claim: no dots or spaces).",
                ProviderConfigProperty.STRING_TYPE, DEFAULT_CLAIM);
        CONFIG.add(claim);
        CONFIG.add(new ProviderConfigProperty(ORGANIZATION_CLAIM, "Organization claim name",
                "Name of the claim that carries the id of the Keycloak Organization whose alias is the tenant, when the"
                        + " realm uses Organizations. Leave empty to leave it out.",
                ProviderConfigProperty.STRING_TYPE, DEFAULT_ORGANIZATION_CLAIM));
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, ApiKeyTenantMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "API-key tenant";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds the tenant an AuthBridge API key logged in for (x-multitenant-external-id) to the token, and the id"
                + " of the Organization of that tenant when there is one. Tokens without a tenant get no claim.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        String claim = claimName(mapperModel);
        if (!isUsable(claim)) {
            throw refusal("Tenant claim name must be 1 to 255 characters without dots or spaces, and not a claim Keycloak"
                    + " writes itself (" + String.join(", ", new TreeSet<>(RESERVED)) + ")");
        }
        String organizationClaim = organizationClaimName(mapperModel);
        if (!organizationClaim.isEmpty() && !isUsable(organizationClaim)) {
            throw refusal("Organization claim name must be empty or 1 to 255 characters without dots or spaces, and not a"
                    + " claim Keycloak writes itself");
        }
        if (organizationClaim.equals(claim)) {
            throw refusal("Tenant claim name and Organization claim name must differ");
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession) {
        String tenant = userSession.getNote(ApiKeyAuthentication.TENANT_NOTE);
        if (tenant == null) {
            return;
        }
        // A mapper stored without the save-time check (realm import) adds nothing under a name that cannot work.
        String claim = claimName(mappingModel);
        if (isUsable(claim)) {
            token.getOtherClaims().put(claim, tenant);
        }
        String organizationClaim = organizationClaimName(mappingModel);
        String organizationId = userSession.getNote(ApiKeyAuthentication.ORGANIZATION_NOTE);
        if (isUsable(organizationClaim) && organizationId != null) {
            token.getOtherClaims().put(organizationClaim, organizationId);
        }
    }

    private static boolean isUsable(String claim) {
        return CLAIM_NAME.matcher(claim).matches() && !RESERVED.contains(claim);
    }

    /**
     * The console shows the message; Keycloak looks the key up in its message bundle first (and fails without one),
     * so the key is one no bundle has.
     */
    private static ProtocolMapperConfigException refusal(String message) {
        return new ProtocolMapperConfigException(message, "authbridge.apiKeyTenantMapper.invalid");
    }

    private static String claimName(ProtocolMapperModel model) {
        return setting(model, OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, DEFAULT_CLAIM);
    }

    private static String organizationClaimName(ProtocolMapperModel model) {
        return setting(model, ORGANIZATION_CLAIM, DEFAULT_ORGANIZATION_CLAIM);
    }

    /** The configured value, trimmed; the default when the mapper was stored without one (realm JSON, admin REST API). */
    private static String setting(ProtocolMapperModel model, String name, String defaultValue) {
        String value = model.getConfig() == null ? null : model.getConfig().get(name);
        return value == null ? defaultValue : value.trim();
    }
}
