package io.authbridge.digest.credential;

import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

public class DigestHa1CredentialProviderFactory implements CredentialProviderFactory<DigestHa1CredentialProvider> {

    public static final String PROVIDER_ID = DigestHa1CredentialModel.TYPE;

    @Override
    public DigestHa1CredentialProvider create(KeycloakSession session) {
        return new DigestHa1CredentialProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** Looks the provider up by its id, as Keycloak's own code does for the password provider. */
    public static DigestHa1CredentialProvider of(KeycloakSession session) {
        return (DigestHa1CredentialProvider) session.getProvider(CredentialProvider.class, PROVIDER_ID);
    }
}
