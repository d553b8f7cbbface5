package io.authbridge.digest.credential;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.digest.core.DigestCalculator;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Stores and finds {@link DigestHa1CredentialModel}s.
 * <p>
 * Keycloak hashes passwords with Argon2/PBKDF2, from which no HA1 can be derived, so HA1s are kept beside the
 * password. They must not outlive it: an HA1 counts only while the user has no password credential created after
 * it. Keycloak gives a password a new creation date whenever it is set by any path (account console, admin reset,
 * required action), so a password change retires every HA1 derived from the old one.
 */
public class DigestHa1CredentialProvider implements CredentialProvider<DigestHa1CredentialModel> {

    private static final Logger LOG = Logger.getLogger(DigestHa1CredentialProvider.class);

    private final KeycloakSession session;

    public DigestHa1CredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return DigestHa1CredentialModel.TYPE;
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, DigestHa1CredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public DigestHa1CredentialModel getCredentialFromModel(CredentialModel model) {
        return DigestHa1CredentialModel.from(model);
    }

    /** The user's HA1 credential for the digest realm string, if it exists and the password has not changed since. */
    public Optional<DigestHa1CredentialModel> findCurrent(UserModel user, String digestRealm) {
        long passwordDate = passwordCreatedDate(user);
        return credentialsFor(user, digestRealm)
                .filter(credential -> createdDate(credential) >= passwordDate)
                .findFirst();
    }

    /**
     * Derives and stores HA1 for each base algorithm from a password the caller has verified, replacing the user's
     * earlier HA1 credential for the same digest realm string.
     */
    public DigestHa1CredentialModel store(RealmModel realm, UserModel user, String digestRealm,
                                          Set<DigestAlgorithm> algorithms, String password) {
        Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm algorithm : algorithms) {
            DigestAlgorithm base = algorithm.base();
            ha1.computeIfAbsent(base, a -> DigestCalculator.ha1(a, user.getUsername(), digestRealm, password));
        }
        credentialsFor(user, digestRealm).toList()
                .forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        DigestHa1CredentialModel credential = DigestHa1CredentialModel.create(digestRealm, ha1, Time.currentTimeMillis());
        createCredential(realm, user, credential);
        return credential;
    }

    /** Whether an HA1 for every given algorithm is stored and current. */
    public boolean hasCurrent(UserModel user, String digestRealm, Set<DigestAlgorithm> algorithms) {
        return findCurrent(user, digestRealm)
                .map(credential -> algorithms.stream().allMatch(a -> credential.ha1(a).isPresent()))
                .orElse(false);
    }

    private Stream<DigestHa1CredentialModel> credentialsFor(UserModel user, String digestRealm) {
        return user.credentialManager().getStoredCredentialsByTypeStream(DigestHa1CredentialModel.TYPE)
                .flatMap(stored -> {
                    try {
                        return Stream.of(DigestHa1CredentialModel.from(stored));
                    } catch (IllegalArgumentException e) {
                        LOG.warnf("Ignoring unreadable %s credential %s of user %s", DigestHa1CredentialModel.TYPE,
                                stored.getId(), user.getId());
                        return Stream.empty();
                    }
                })
                .filter(credential -> digestRealm.equals(credential.digestRealm()));
    }

    private static long passwordCreatedDate(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .map(CredentialModel::getCreatedDate)
                .map(date -> date == null ? Long.MAX_VALUE : date) // a password of unknown age retires every HA1
                .max(Long::compare)
                .orElse(Long.MIN_VALUE);
    }

    private static long createdDate(CredentialModel credential) {
        return credential.getCreatedDate() == null ? Long.MIN_VALUE : credential.getCreatedDate();
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext metadataContext) {
        return CredentialTypeMetadata.builder()
                .type(getType())
                .category(CredentialTypeMetadata.Category.BASIC_AUTHENTICATION)
                .displayName("HTTP Digest (HA1)")
                .helpText("HA1 hashes for HTTP Digest logins; derived from the password at login, or imported.")
                .iconCssClass("kcAuthenticatorPasswordClass")
                .createAction(DigestHa1CredentialModel.SET_UP_ACTION)
                .updateAction(DigestHa1CredentialModel.SET_UP_ACTION)
                .removeable(true)
                .build(session);
    }
}
