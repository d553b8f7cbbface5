package io.authbridge.common;

import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.OAuthErrorException;

/**
 * Answers 400 {@code invalid_request} for a request to an AuthBridge endpoint whose {@code Content-Type} header is
 * empty or cannot be parsed, or is {@code multipart/*}. Left alone, such a request gets HTTP 500 from Keycloak itself
 * before any endpoint runs: its security-headers filter parses the request's media type for every response, and the
 * HTTP layer parses a multipart body before the endpoint (which takes none) and fails on one that is not multipart. The header is replaced by
 * {@code application/octet-stream} before the refusal, so that Keycloak's filter does not fail on it. Keycloak's
 * own endpoints (the token endpoint among them) keep Keycloak's behaviour; the README lists it. Form bodies that cannot
 * be decoded: {@link UndecodableFormBodyFilter}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class UnparsableContentTypeFilter implements ContainerRequestFilter {

    /** The realm endpoints AuthBridge serves: {@code /realms/{realm}/api-key|digest|cookie-exchange/…}. */
    static final Pattern AUTHBRIDGE_ENDPOINT = Pattern.compile(".*/realms/[^/]+/(api-key|digest|cookie-exchange)(/.*)?");

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !AUTHBRIDGE_ENDPOINT.matcher(request.getUriInfo().getRequestUri().getRawPath()).matches()) {
            return;
        }
        MediaType type = mediaType(contentType);
        String refused = type == null ? "The Content-Type header cannot be parsed"
                // No AuthBridge endpoint takes multipart, and the HTTP layer parses it before the endpoint.
                : "multipart".equalsIgnoreCase(type.getType()) ? "Multipart bodies are not accepted here" : null;
        if (refused != null) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
            request.abortWith(refusal(refused));
        }
    }

    /** 400 {@code invalid_request}, for a request refused before Keycloak's own response filters have run. */
    static Response refusal(String description) {
        // Keycloak adds no security headers to a response given this early, so the two that matter for an error
        // body are set here.
        return OAuthErrors.builder(400, OAuthErrorException.INVALID_REQUEST, description)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** The header's media type, or null when there is none or it cannot be parsed. */
    static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
