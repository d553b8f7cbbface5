package io.authbridge.common.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.keycloak.authentication.AbstractAuthenticationFlowContext;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

/** Calls on Keycloak's request and flow contexts that later lines added. */
public final class KeycloakContexts {

    /** {@code AbstractAuthenticationFlowContext.success(String credentialType)}: 26.4+. */
    private static final MethodHandle SUCCESS_WITH_TYPE = optional(AbstractAuthenticationFlowContext.class, "success",
            MethodType.methodType(void.class, String.class));
    /** {@code KeycloakContext.setUserSession(UserSessionModel)}: 26.2+. */
    private static final MethodHandle SET_USER_SESSION = optional(KeycloakContext.class, "setUserSession",
            MethodType.methodType(void.class, UserSessionModel.class));

    private KeycloakContexts() {
    }

    /**
     * Marks the step successful with the credential type it checked. From 26.4 Keycloak records the type, and
     * brute-force protection resets a user's failures only for the categories of the credentials used; before 26.4
     * every success resets them, which is what the plain {@code success()} there does.
     */
    public static void success(AbstractAuthenticationFlowContext context, String credentialType) {
        if (SUCCESS_WITH_TYPE == null) {
            context.success();
            return;
        }
        try {
            SUCCESS_WITH_TYPE.invoke(context, credentialType);
        } catch (Throwable thrown) {
            throw KeycloakClasses.rethrow(thrown);
        }
    }

    /**
     * Tells the request context which user session the tokens are for, as Keycloak's grants do from 26.2 (protocol
     * mappers read it there); before 26.2 the context has no such field and the mappers take the session from the
     * client session.
     */
    public static void setUserSession(KeycloakSession session, UserSessionModel userSession) {
        if (SET_USER_SESSION == null) {
            return;
        }
        try {
            SET_USER_SESSION.invoke(session.getContext(), userSession);
        } catch (Throwable thrown) {
            throw KeycloakClasses.rethrow(thrown);
        }
    }

    private static MethodHandle optional(Class<?> type, String name, MethodType methodType) {
        try {
            return MethodHandles.publicLookup().findVirtual(type, name, methodType);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + "." + name + " is not public", e);
        }
    }
}
