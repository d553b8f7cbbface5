package io.authbridge.common.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * Client-policy contexts that only some lines have: {@code ClientModelContext} (26.6+: the context names the client
 * the request is for) and {@code TokenExchangeRequestContext} with its {@code TOKEN_EXCHANGE_REQUEST} event (26.2+).
 */
public final class ClientPolicyContexts {

    private static final String CLIENT_MODEL_CONTEXT = "org.keycloak.services.clientpolicy.context.ClientModelContext";
    private static final String TOKEN_EXCHANGE_REQUEST_CONTEXT =
            "org.keycloak.services.clientpolicy.context.TokenExchangeRequestContext";

    private static final Optional<Class<?>> CLIENT_CONTEXT_TYPE =
            KeycloakClasses.optional(CLIENT_MODEL_CONTEXT, ClientPolicyContext.class);
    private static final MethodHandle GET_CLIENT = CLIENT_CONTEXT_TYPE.map(type -> virtual(type, "getClient",
            MethodType.methodType(ClientModel.class))).orElse(null);
    private static final MethodHandle NEW_TOKEN_EXCHANGE_REQUEST =
            KeycloakClasses.optional(TOKEN_EXCHANGE_REQUEST_CONTEXT, ClientPolicyContext.class)
                    .map(ClientPolicyContexts::tokenExchangeRequestConstructor).orElse(null);

    private ClientPolicyContexts() {
    }

    /**
     * The client a policy event is about: the one the context names (26.6+ contexts such as introspection or the
     * identity-brokering API), else the client of the request.
     */
    public static ClientModel client(ClientPolicyContext context, KeycloakSession session) {
        if (GET_CLIENT != null && CLIENT_CONTEXT_TYPE.get().isInstance(context)) {
            try {
                ClientModel named = (ClientModel) GET_CLIENT.invoke(context);
                if (named != null) {
                    return named;
                }
            } catch (Throwable thrown) {
                throw KeycloakClasses.rethrow(thrown);
            }
        }
        return session.getContext().getClient();
    }

    /** Whether the running line raises a client-policy event for token exchange ({@code TOKEN_EXCHANGE_REQUEST}). */
    public static boolean hasTokenExchangeEvent() {
        return NEW_TOKEN_EXCHANGE_REQUEST != null;
    }

    /**
     * The context of Keycloak's {@code TOKEN_EXCHANGE_REQUEST} policy event for an exchange, on the lines that have
     * it (see {@link #hasTokenExchangeEvent()}).
     */
    public static Optional<ClientPolicyContext> tokenExchangeRequest(TokenExchangeContext exchange) {
        if (NEW_TOKEN_EXCHANGE_REQUEST == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((ClientPolicyContext) NEW_TOKEN_EXCHANGE_REQUEST.invoke(exchange));
        } catch (Throwable thrown) {
            throw KeycloakClasses.rethrow(thrown);
        }
    }

    /** Whether the realm has a client policy that is switched on (its own or a global one). */
    public static boolean hasEnabledPolicies(KeycloakSession session, RealmModel realm) {
        try {
            ClientPoliciesRepresentation policies = session.clientPolicy().getClientPolicies(realm, true);
            return policies != null && policies.getPolicies() != null
                    && policies.getPolicies().stream().anyMatch(ClientPolicyRepresentation::isEnabled);
        } catch (ClientPolicyException e) {
            return true; // unreadable policies: assume they would apply
        }
    }

    private static MethodHandle tokenExchangeRequestConstructor(Class<?> type) {
        try {
            return MethodHandles.publicLookup().findConstructor(type,
                    MethodType.methodType(void.class, TokenExchangeContext.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no constructor taking a TokenExchangeContext", e);
        }
    }

    private static MethodHandle virtual(Class<?> type, String name, MethodType methodType) {
        try {
            return MethodHandles.publicLookup().findVirtual(type, name, methodType);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no method " + name + methodType, e);
        }
    }
}
