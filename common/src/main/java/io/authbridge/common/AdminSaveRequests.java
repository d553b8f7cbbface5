package io.authbridge.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.ErrorRepresentation;

/** What the filters that check an admin's save share: reading the body without consuming it, and the refusal. */
final class AdminSaveRequests {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AdminSaveRequests() {
    }

    /**
     * Up to {@code maxBytes + 1} bytes of the body, put back for Keycloak to read next; a result longer than
     * {@code maxBytes} means the body is larger than the caller accepts.
     */
    static byte[] body(ContainerRequestContext request, int maxBytes) throws IOException {
        byte[] body;
        try (InputStream in = request.getEntityStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        return body;
    }

    /** 400 with Keycloak's admin error body ({@code errorMessage}), which the admin console shows. */
    static Response refusal(String message) {
        ErrorRepresentation error = new ErrorRepresentation();
        error.setErrorMessage(message);
        return Response.status(Response.Status.BAD_REQUEST).entity(error).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
