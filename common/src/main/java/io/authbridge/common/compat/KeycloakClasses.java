package io.authbridge.common.compat;

import java.util.Optional;

/** Looks up a Keycloak class that only some 26 lines have, in the class loader that holds Keycloak's own classes. */
final class KeycloakClasses {

    private KeycloakClasses() {
    }

    /** The class named, when the running line has it. */
    static Optional<Class<?>> optional(String name, Class<?> sibling) {
        try {
            return Optional.of(Class.forName(name, false, sibling.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The first of the names the running line has: a class that moved between lines. */
    static Class<?> first(Class<?> sibling, String... names) {
        for (String name : names) {
            Optional<Class<?>> found = optional(name, sibling);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("None of " + String.join(", ", names)
                + " exists in this Keycloak version; AuthBridge supports Keycloak 26.0 to 26.7");
    }

    /** Rethrows what a reflectively called Keycloak method threw, unwrapped, so Keycloak's error mapping applies. */
    static RuntimeException rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            return runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(thrown);
    }
}
