/**
 * The few places where Keycloak's 26 lines differ in an API AuthBridge needs, each bridged once so that one build
 * (compiled against the oldest supported line, 26.0) runs unchanged on every line. Every member here is resolved
 * when its class loads, so a line that lacks one fails at start-up with a clear message instead of a
 * {@code NoSuchMethodError} at request time. The README's compatibility table lists what each bridge covers.
 */
package io.authbridge.common.compat;
