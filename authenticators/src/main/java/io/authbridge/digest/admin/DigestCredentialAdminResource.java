package io.authbridge.digest.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.OAuthErrors;
import io.authbridge.common.compat.AdminRealmResources;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.digest.credential.DigestHa1CredentialProviderFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code PUT /admin/realms/{realm}/authbridge-digest/users/{userId}/digest-password}: an admin sets a user's
 * Digest password, stored as HA1 only (digest-ha1 credential), e.g. for a device account that never logs in with
 * a form. Without {@code digestRealm} and {@code algorithms} the HA1s are made for the realm's own Digest login (its
 * direct-grant, else browser, else first client-bindable flow's {@code http-digest} step). Requires the right to manage the user; recorded as an admin
 * event without the password.
 */
public class DigestCredentialAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminRealmResources.UserPermissions users;
    private final AdminEventBuilder adminEvent;

    public DigestCredentialAdminResource(KeycloakSession session, RealmModel realm, AdminRealmResources.UserPermissions users,
                                         AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.users = users;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    @PUT
    @Path("users/{userId}/digest-password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setDigestPassword(@PathParam("userId") String userId, DigestPasswordRequest request) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            users.requireQuery(); // do not tell unauthorised callers whether the user exists
            throw OAuthErrors.exception(Response.Status.NOT_FOUND.getStatusCode(), "user_not_found", "User not found");
        }
        users.requireManage(user);
        if (request == null || request.password() == null || request.password().isEmpty()) {
            throw invalidRequest("password is required");
        }
        // By default the HA1s are made for the realm's own Digest login, so that they verify there.
        DigestSettings login = loginSettings();
        Set<DigestAlgorithm> algorithms = EnumSet.noneOf(DigestAlgorithm.class);
        if (request.algorithms() == null) {
            login.algorithms().forEach(algorithm -> algorithms.add(algorithm.base()));
        } else {
            for (String token : request.algorithms()) {
                algorithms.add(DigestAlgorithm.fromToken(token).map(DigestAlgorithm::base).orElseThrow(() ->
                        invalidRequest("Unknown algorithm; use SHA-256, SHA-512-256 or MD5")));
            }
        }
        if (algorithms.isEmpty()) {
            throw invalidRequest("algorithms must not be empty");
        }
        String digestRealm = request.digestRealm() == null || request.digestRealm().isBlank()
                ? login.digestRealm() : request.digestRealm();
        DigestHa1CredentialProviderFactory.of(session).store(realm, user, digestRealm, algorithms, request.password());
        adminEvent.operation(OperationType.ACTION)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("digestRealm", digestRealm, "algorithms", algorithms.stream().map(DigestAlgorithm::token).toList()))
                .success();
        return Response.noContent().build();
    }

    private DigestSettings loginSettings() {
        try {
            return DigestSettings.forRealmLogin(realm);
        } catch (InvalidSettingsException e) {
            throw invalidRequest("The realm's HTTP Digest settings are invalid: " + e.getMessage());
        }
    }

    private static WebApplicationException invalidRequest(String description) {
        return OAuthErrors.exception(Response.Status.BAD_REQUEST.getStatusCode(), OAuthErrorException.INVALID_REQUEST, description);
    }

    /** The request body; the password is never logged or echoed. */
    public record DigestPasswordRequest(@JsonProperty("password") String password,
                                        @JsonProperty("digestRealm") String digestRealm,
                                        @JsonProperty("algorithms") List<String> algorithms) {
        @Override
        public String toString() {
            return "DigestPasswordRequest[digestRealm=" + digestRealm + ", algorithms=" + algorithms + "]";
        }
    }
}
