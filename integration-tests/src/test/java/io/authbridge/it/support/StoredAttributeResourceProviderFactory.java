package io.authbridge.it.support;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test-only (packaged from the test classes into the test server's {@code providers/}, never shipped):
 * {@code POST /realms/master/authbridge-it-support/{realm}/clients/{clientId}/attributes/{name}} with the form field
 * {@code value} stores a client attribute the way a client saved before AuthBridge was installed has it. It calls
 * {@code ClientModel.setAttribute} without {@code updateClient()}, so no {@code ClientUpdatedEvent} is published and
 * AuthBridge's save-time check does not run. Only the master realm's admin may call it.
 */
public class StoredAttributeResourceProviderFactory implements RealmResourceProviderFactory {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new StoredAttributeResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return "authbridge-it-support";
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    public static class StoredAttributeResource {

        private final KeycloakSession session;

        StoredAttributeResource(KeycloakSession session) {
            this.session = session;
        }

        @POST
        @Path("{realm}/clients/{clientId}/attributes/{name}")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public Response store(@PathParam("realm") String realmName, @PathParam("clientId") String clientId,
                              @PathParam("name") String name, @FormParam("value") String value) {
            String refusal = masterAdminRefusal();
            if (refusal != null) {
                return Response.status(Response.Status.FORBIDDEN).entity(refusal).type(MediaType.TEXT_PLAIN_TYPE).build();
            }
            RealmModel realm = session.realms().getRealmByName(realmName);
            ClientModel client = realm == null ? null : session.clients().getClientByClientId(realm, clientId);
            if (client == null) {
                return Response.status(Response.Status.NOT_FOUND).build();
            }
            client.setAttribute(name, value);
            return Response.noContent().build();
        }

        /** Null for a master-realm admin's bearer token, checked as Keycloak's admin REST API checks it; else why not. */
        private String masterAdminRefusal() {
            RealmModel realm = session.getContext().getRealm();
            if (!"master".equals(realm.getName())) {
                return "call it in the master realm";
            }
            AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm)
                    .setConnection(session.getContext().getConnection()).setHeaders(session.getContext().getRequestHeaders())
                    .setUriInfo(session.getContext().getUri()).authenticate();
            RoleModel admin = realm.getRole("admin");
            return auth != null && admin != null && auth.getUser().hasRole(admin) ? null : "a master-realm admin's token is required";
        }
    }
}
