package io.authbridge.exchange.core;

import java.util.Set;

/**
 * Who may trade the SSO cookie for tokens, judged from the request's {@code Origin} header (the CSRF defence;
 * Keycloak's cookies are {@code SameSite=None}, so a browser sends them on cross-site requests too):
 * <ul>
 * <li>an {@code Origin} that exactly equals one of the client's Web Origins — a browser app of that client;</li>
 * <li>no {@code Origin} at all, but an authenticated confidential client — a back-end caller (browsers always send
 * {@code Origin} on a cross-origin POST, so a page cannot take this path).</li>
 * </ul>
 * Everything else is refused: another origin, {@code Origin: null} (sandboxed frames, some redirects), and a public
 * client without {@code Origin}. A {@code *} Web Origin never allows the exchange: with credentials, reflecting any
 * origin is exactly the cross-site request this policy exists to stop.
 */
public final class ExchangeOriginPolicy {

    public enum Decision {
        /** The origin is one of the client's Web Origins: answer with CORS headers for it. */
        BROWSER_ORIGIN_ALLOWED,
        /** No origin, authenticated confidential client. */
        BACK_END_ALLOWED,
        ORIGIN_NOT_ALLOWED,
        /** No origin and a public client: nothing proves the request is not forged. */
        ORIGIN_REQUIRED
    }

    private ExchangeOriginPolicy() {
    }

    /**
     * @param origin                 the {@code Origin} header, or null when absent
     * @param clientWebOrigins       the client's Web Origins, resolved (Keycloak's {@code +} expanded)
     * @param confidentialClient     whether the client is confidential (it then must and will authenticate)
     */
    public static Decision decide(String origin, Set<String> clientWebOrigins, boolean confidentialClient) {
        if (origin == null) {
            return confidentialClient ? Decision.BACK_END_ALLOWED : Decision.ORIGIN_REQUIRED;
        }
        return isAllowedOrigin(origin, clientWebOrigins) ? Decision.BROWSER_ORIGIN_ALLOWED : Decision.ORIGIN_NOT_ALLOWED;
    }

    /** Exact, case-sensitive equality with one of the Web Origins; never {@code *}, never {@code null}. */
    public static boolean isAllowedOrigin(String origin, Set<String> clientWebOrigins) {
        return origin != null && !"null".equals(origin) && !"*".equals(origin) && clientWebOrigins.contains(origin);
    }
}
