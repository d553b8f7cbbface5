package io.authbridge.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.ErrorRepresentation;

/** What the filters that check an admin's save share: the JSON reader and the refusal the admin console shows. */
final class AdminSaveRequests {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AdminSaveRequests() {
    }

    /** 400 with Keycloak's admin error body ({@code errorMessage}), which the admin console shows. */
    static Response refusal(String message) {
        ErrorRepresentation error = new ErrorRepresentation();
        error.setErrorMessage(message);
        return Response.status(Response.Status.BAD_REQUEST).entity(error).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
