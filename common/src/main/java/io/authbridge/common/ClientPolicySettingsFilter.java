package io.authbridge.common;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authbridge.common.compat.ClientPolicyConditionHooks;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * On Keycloak 26.0 and 26.2, refuses a save of client policies in which an AuthBridge condition
 * ({@link ValidatedCondition}) has a configuration that could not work — what Keycloak itself does from 26.4, with
 * the same answer: 400 {@code errorMessage} "Invalid {condition} configuration - …", nothing stored. It reads only
 * {@code PUT /admin/realms/{realm}/client-policies/policies} with credentials (Keycloak's authorization check comes
 * first for the others); on 26.4+ it does nothing.
 */
@Provider
public class ClientPolicySettingsFilter implements ContainerRequestFilter {

    private static final Pattern POLICIES_SAVE = Pattern.compile(".*/admin/realms/([^/]+)/client-policies/policies/?");
    /** A realm's whole list of policies; far more than the console sends for any realm. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (ClientPolicyConditionHooks.keycloakValidatesConditions() || !"PUT".equals(request.getMethod())
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return;
        }
        Matcher path = POLICIES_SAVE.matcher(request.getUriInfo().getRequestUri().getRawPath());
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        RealmModel realm = !path.matches() || session == null ? null : session.realms().getRealmByName(path.group(1));
        if (realm == null) {
            return;
        }
        byte[] body = RequestBodies.peek(request, MAX_BODY_BYTES);
        if (body.length > MAX_BODY_BYTES) {
            request.abortWith(AdminSaveRequests.refusal("The client policies are too large"));
            return;
        }
        ClientPoliciesRepresentation policies;
        try {
            policies = AdminSaveRequests.JSON.readValue(body, ClientPoliciesRepresentation.class);
        } catch (IOException e) {
            return; // not policies: Keycloak answers it
        }
        List<ClientPolicyConditionRepresentation> conditions = policies == null || policies.getPolicies() == null ? List.of()
                : policies.getPolicies().stream().filter(Objects::nonNull)
                        .map(ClientPolicyRepresentation::getConditions).filter(Objects::nonNull)
                        .flatMap(List::stream).filter(Objects::nonNull).toList();
        for (ClientPolicyConditionRepresentation condition : conditions) {
            String providerId = condition.getConditionProviderId();
            if (providerId != null && session.getKeycloakSessionFactory()
                    .getProviderFactory(ClientPolicyConditionProvider.class, providerId) instanceof ValidatedCondition validated) {
                try {
                    validated.validateConfiguration(session, realm, condition);
                } catch (ClientPolicyException e) {
                    request.abortWith(AdminSaveRequests.refusal("Invalid " + providerId + " configuration - " + e.getMessage()));
                    return;
                }
            }
        }
    }
}
