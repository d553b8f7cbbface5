package io.authbridge.common;

import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.OAuthErrorException;

/**
 * Answers 400 {@code invalid_request} for a request to an AuthBridge endpoint whose {@code Content-Type} header is
 * empty or cannot be parsed. Left alone, such a request gets HTTP 500 from Keycloak itself before any endpoint
 * runs: its security-headers filter parses the request's media type for every response. The header is replaced by
 * {@code application/octet-stream} before the refusal, so that Keycloak's filter does not fail on it. Keycloak's
 * own endpoints (the token endpoint among them) keep Keycloak's behaviour; the README lists it.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class UnparsableContentTypeFilter implements ContainerRequestFilter {

    /** The realm endpoints AuthBridge serves: {@code /realms/{realm}/api-key|digest|cookie-exchange/…}. */
    private static final Pattern AUTHBRIDGE_ENDPOINT = Pattern.compile(".*/realms/[^/]+/(api-key|digest|cookie-exchange)(/.*)?");

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || isParsable(contentType)
                || !AUTHBRIDGE_ENDPOINT.matcher(request.getUriInfo().getRequestUri().getRawPath()).matches()) {
            return;
        }
        request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
        // Keycloak adds no security headers to a response given this early, so the two that matter for an error
        // body are set here.
        request.abortWith(OAuthErrors.builder(400, OAuthErrorException.INVALID_REQUEST, "The Content-Type header cannot be parsed")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build());
    }

    private static boolean isParsable(String contentType) {
        if (contentType.isBlank()) {
            return false;
        }
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
