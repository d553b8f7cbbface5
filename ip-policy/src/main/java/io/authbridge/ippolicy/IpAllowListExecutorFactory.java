package io.authbridge.ippolicy;

import java.util.Arrays;
import java.util.List;

import io.authbridge.common.OAuthErrors;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

public class IpAllowListExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "ip-allowlist";

    private static final Logger LOG = Logger.getLogger(IpAllowListExecutorFactory.class);
    public static final String ALLOWED_RANGES = "allowed-ranges";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = ProviderConfigurationBuilder.create()
            .property()
            .name(ALLOWED_RANGES)
            .label("Allowed addresses and ranges")
            .helpText("IPv4/IPv6 addresses or CIDR ranges (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32) the client may call from. "
                    + "Ranges in the client attribute '" + IpAllowListExecutor.CLIENT_ATTRIBUTE + "' (comma-separated) are added per client. "
                    + "The address is the one Keycloak resolved for the request; forwarded headers count only as the server's "
                    + "proxy-headers and proxy-trusted-addresses options allow. An empty list allows only the per-client ranges.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .add()
            .build();

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new IpAllowListExecutor(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        reportUnclassifiedEvents();
        // Refuse an invalid per-client attribute when the client is saved (admin REST, admin console,
        // realm import), whether or not a policy applies to the client yet. The answer is the one Keycloak 26.7
        // gives a ModelValidationException on update (400 invalid_input with the message), thrown as such because
        // 26.0–26.6 turn that exception into a bare {"error":"unknown_error"} on update.
        factory.register(event -> {
            if (event instanceof ClientModel.ClientUpdatedEvent updated) {
                ClientModel client = updated.getUpdatedClient();
                try {
                    IpAllowList.ofAttribute(client.getAttribute(IpAllowListExecutor.CLIENT_ATTRIBUTE));
                } catch (IllegalArgumentException e) {
                    updated.getKeycloakSession().getTransactionManager().setRollbackOnly(); // nothing is stored
                    throw OAuthErrors.exception(Response.Status.BAD_REQUEST.getStatusCode(), "invalid_input",
                            "Invalid client attribute " + IpAllowListExecutor.CLIENT_ATTRIBUTE + ": " + e.getMessage());
                }
            }
        });
    }

    /**
     * Names, once at start-up, each client-policy event of the running Keycloak that {@link AllowListEvents} does not
     * classify: it is enforced (fail closed), and the admin learns that this AuthBridge predates the line.
     */
    private static void reportUnclassifiedEvents() {
        List<String> unclassified = Arrays.stream(ClientPolicyEvent.values()).map(Enum::name)
                .filter(name -> !AllowListEvents.isClassified(name)).toList();
        if (!unclassified.isEmpty()) {
            LOG.warnf("ip-allowlist: this Keycloak raises client-policy events AuthBridge does not know, enforced on "
                    + "every request: %s", String.join(", ", unclassified));
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: rejects the client's authorization, token, refresh, exchange, introspection, revocation and userinfo "
                + "requests (HTTP 403 access_denied) unless they come from an allowed IPv4/IPv6 address or CIDR range.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }
}
