package io.authbridge.common;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Refuses, when the admin saves them, settings of an AuthBridge step that could not work. Keycloak has no validation
 * hook for authenticator configurations, so this filter reads the two admin calls that store one —
 * {@code POST …/authentication/executions/{executionId}/config} (a new configuration) and
 * {@code PUT …/authentication/config/{configId}} (an edit) — and, when the execution is one of a
 * {@link ValidatedSettings} factory, answers 400 with Keycloak's admin error body ({@code errorMessage}, which the
 * admin console shows) instead of letting the configuration be stored. Every other request passes untouched, and so
 * does every request without credentials: Keycloak's own authorization check comes first for those.
 */
@Provider
public class AuthenticatorSettingsFilter implements ContainerRequestFilter {

    /** Group 1: realm; group 2: "executions/{id}/config" or "config/{id}"; group 3 or 4: the id. */
    private static final Pattern CONFIG_SAVE = Pattern.compile(
            ".*/admin/realms/([^/]+)/authentication/(?:executions/([^/]+)/config|config/([^/]+))/?");
    /** An authenticator configuration is a few hundred bytes; the console never sends more than this. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) || request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return;
        }
        Matcher path = CONFIG_SAVE.matcher(request.getUriInfo().getRequestUri().getRawPath());
        if (!path.matches() || ("POST".equals(method) != (path.group(2) != null))) {
            return;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = session == null ? null : session.realms().getRealmByName(path.group(1));
        if (realm == null) {
            return;
        }
        Optional<ValidatedSettings> validator = path.group(2) != null
                ? executionProvider(realm, path.group(2)).flatMap(provider -> validator(session, provider))
                : configProvider(realm, path.group(3)).flatMap(provider -> validator(session, provider));
        if (validator.isEmpty()) {
            return;
        }
        byte[] body = RequestBodies.peek(request, MAX_BODY_BYTES);
        if (body.length > MAX_BODY_BYTES) {
            request.abortWith(AdminSaveRequests.refusal("The configuration is too large"));
            return;
        }
        Map<String, String> config;
        try {
            AuthenticatorConfigRepresentation representation = AdminSaveRequests.JSON.readValue(body, AuthenticatorConfigRepresentation.class);
            config = representation == null || representation.getConfig() == null ? Map.of() : representation.getConfig();
        } catch (IOException e) {
            return; // not a configuration: Keycloak answers it
        }
        try {
            validator.get().validateSettings(realm, config);
        } catch (InvalidSettingsException e) {
            request.abortWith(AdminSaveRequests.refusal(e.getMessage()));
        }
    }

    private static Optional<String> executionProvider(RealmModel realm, String executionId) {
        return Optional.ofNullable(realm.getAuthenticationExecutionById(executionId))
                .map(AuthenticationExecutionModel::getAuthenticator);
    }

    /** The provider of the execution that uses the configuration (Keycloak links a configuration to one execution). */
    private static Optional<String> configProvider(RealmModel realm, String configId) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(execution -> configId.equals(execution.getAuthenticatorConfig()))
                .map(AuthenticationExecutionModel::getAuthenticator)
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static Optional<ValidatedSettings> validator(KeycloakSession session, String providerId) {
        KeycloakSessionFactory factories = session.getKeycloakSessionFactory();
        ProviderFactory<?> factory = factories.getProviderFactory(Authenticator.class, providerId);
        if (factory == null) {
            factory = factories.getProviderFactory(ClientAuthenticator.class, providerId);
        }
        return factory instanceof ValidatedSettings validated ? Optional.of(validated) : Optional.empty();
    }
}
