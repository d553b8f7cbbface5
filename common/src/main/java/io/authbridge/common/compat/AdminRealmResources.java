package io.authbridge.common.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;

/**
 * An {@link AdminRealmResourceProvider} that works on every 26 line. Its one method,
 * {@code getResource(session, realm, auth, adminEvent)}, takes Keycloak's {@code AdminPermissionEvaluator}, which
 * moved from {@code org.keycloak.services.resources.admin.permissions} (26.0–26.2) to
 * {@code ...admin.fgap} (26.4+): a class compiled against one line does not implement the interface of the other
 * ({@code AbstractMethodError}). So the provider is a proxy of the interface the running line has, and the
 * resource sees the permission checks it needs through {@link UserPermissions}, whatever the evaluator's package.
 */
public final class AdminRealmResources {

    /** The admin's rights on users, checked by Keycloak's evaluator (fine-grained permissions included). */
    public interface UserPermissions {

        /** Throws Keycloak's 403 unless the admin may list and search users. */
        void requireQuery();

        /** Throws Keycloak's 403 unless the admin may manage this user. */
        void requireManage(UserModel user);
    }

    /** Makes the JAX-RS resource for one admin request. */
    @FunctionalInterface
    public interface ResourceFactory {
        Object create(KeycloakSession session, RealmModel realm, UserPermissions users, AdminEventBuilder adminEvent);
    }

    private static final Class<?> EVALUATOR = KeycloakClasses.first(AdminRealmResourceProvider.class,
            "org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator",
            "org.keycloak.services.resources.admin.permissions.AdminPermissionEvaluator");
    private static final MethodHandle USERS = find(EVALUATOR, "users");
    private static final Class<?> USER_EVALUATOR = USERS.type().returnType();
    private static final MethodHandle REQUIRE_QUERY = find(USER_EVALUATOR, "requireQuery");
    private static final MethodHandle REQUIRE_MANAGE = find(USER_EVALUATOR, "requireManage", UserModel.class);

    private AdminRealmResources() {
    }

    /** A provider serving the resources {@code factory} makes. */
    public static AdminRealmResourceProvider provider(ResourceFactory factory) {
        return (AdminRealmResourceProvider) Proxy.newProxyInstance(AdminRealmResourceProvider.class.getClassLoader(),
                new Class<?>[]{AdminRealmResourceProvider.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getResource" -> {
                        requireGetResource(method);
                        yield factory.create((KeycloakSession) args[0], (RealmModel) args[1],
                                userPermissions(args[2]), (AdminEventBuilder) args[3]);
                    }
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "AdminRealmResourceProvider(" + factory + ")";
                    default -> throw new UnsupportedOperationException(method.toString());
                });
    }

    private static void requireGetResource(Method method) {
        Class<?>[] types = method.getParameterTypes();
        if (types.length != 4 || types[2] != EVALUATOR) {
            throw new IllegalStateException("Unexpected AdminRealmResourceProvider.getResource" + Arrays.toString(types));
        }
    }

    private static UserPermissions userPermissions(Object evaluator) {
        Object users = call(USERS, evaluator);
        return new UserPermissions() {
            @Override
            public void requireQuery() {
                call(REQUIRE_QUERY, users);
            }

            @Override
            public void requireManage(UserModel user) {
                call(REQUIRE_MANAGE, users, user);
            }
        };
    }

    private static Object call(MethodHandle handle, Object... args) {
        try {
            return handle.invokeWithArguments(args);
        } catch (Throwable thrown) {
            throw KeycloakClasses.rethrow(thrown);
        }
    }

    private static MethodHandle find(Class<?> type, String name, Class<?>... parameters) {
        try {
            return MethodHandles.publicLookup().unreflect(type.getMethod(name, parameters));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no method " + name, e);
        }
    }
}
