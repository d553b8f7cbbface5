package io.authbridge.common;

import java.io.IOException;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers 400 {@code invalid_request} "The form body cannot be decoded" for a form body
 * ({@code application/x-www-form-urlencoded}) sent to an AuthBridge endpoint that Keycloak's form decoding would
 * fail on with HTTP 500 — a broken percent-escape, an unknown charset, more than {@link FormUrlEncoded#MAX_PARAMETERS}
 * parameters. The body is read here and given back unchanged, so the endpoint and Keycloak read it as sent. Not a
 * pre-matching filter: those run on the I/O thread, where the body cannot be read.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class UndecodableFormBodyFilter implements ContainerRequestFilter {

    /** Far more than any AuthBridge form; a larger body is passed on unchecked (the endpoints bound what they read). */
    private static final int MAX_CHECKED_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!UnparsableContentTypeFilter.AUTHBRIDGE_ENDPOINT.matcher(request.getUriInfo().getRequestUri().getRawPath()).matches()) {
            return; // Keycloak's own endpoints keep Keycloak's answers
        }
        MediaType type = UnparsableContentTypeFilter.mediaType(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE) || !request.hasEntity()) {
            return;
        }
        byte[] body = RequestBodies.peek(request, MAX_CHECKED_BYTES);
        if (body.length > MAX_CHECKED_BYTES) {
            return;
        }
        try {
            FormUrlEncoded.parse(body, type.getParameters().get(MediaType.CHARSET_PARAMETER));
        } catch (IllegalArgumentException e) { // a malformed escape, too many parameters, an unknown charset
            request.abortWith(UnparsableContentTypeFilter.refusal("The form body cannot be decoded"));
        }
    }
}
