package io.authbridge.digest.credential;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.authbridge.digest.core.DigestAlgorithm;
import org.keycloak.credential.CredentialModel;
import org.keycloak.util.JsonSerialization;

/**
 * A user's HTTP Digest HA1 values for one digest realm string, one per base algorithm (MD5, SHA-256, SHA-512-256).
 * <p>
 * An HA1 = H(username ":" realm ":" password) is password-equivalent for that realm string (RFC 7616 §5.2): it is
 * kept in the credential's secret data, like a password hash. Stored form:
 * <pre>
 * credentialData: {"realm": "AminoTV"}
 * secretData:     {"ha1": {"MD5": "2f6e…", "SHA-256": "39b2…"}}
 * </pre>
 * The HA1 is valid only while the user's password is not newer than it (see {@link DigestHa1CredentialProvider}).
 */
public class DigestHa1CredentialModel extends CredentialModel {

    /** Credential type: a user's HA1 hashes for one digest realm (also {@code DigestProviderIds.CREDENTIAL}). */
    public static final String TYPE = "digest-ha1";
    /**
     * The required action with which a user sets one (also {@code DigestProviderIds.PASSWORD_REQUIRED_ACTION}): here so
     * that the credential's metadata can name it without depending on the action's package.
     */
    public static final String SET_UP_ACTION = "http-digest-password";

    private final CredentialData credentialData;
    private final SecretData secretData;

    private DigestHa1CredentialModel(CredentialData credentialData, SecretData secretData) {
        this.credentialData = credentialData;
        this.secretData = secretData;
    }

    /** The label of a stored HA1 credential, as the admin and account consoles show it. */
    public static String label(String digestRealm) {
        return "HTTP Digest, realm " + digestRealm;
    }

    public static DigestHa1CredentialModel create(String digestRealm, Map<DigestAlgorithm, String> ha1ByAlgorithm, long createdDate) {
        Map<String, String> ha1 = new LinkedHashMap<>();
        ha1ByAlgorithm.forEach((algorithm, value) -> ha1.put(algorithm.token(), value));
        DigestHa1CredentialModel model = new DigestHa1CredentialModel(new CredentialData(digestRealm), new SecretData(ha1));
        model.setType(TYPE);
        // The admin console shows a credential's type as its id ("Digest-ha1"); the label says what it is.
        model.setUserLabel(label(digestRealm));
        model.setCreatedDate(createdDate);
        try {
            model.setCredentialData(JsonSerialization.writeValueAsString(model.credentialData));
            model.setSecretData(JsonSerialization.writeValueAsString(model.secretData));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize digest-ha1 credential", e);
        }
        return model;
    }

    /**
     * Reads a stored credential (also one imported from a legacy system).
     *
     * @throws IllegalArgumentException when its JSON is unreadable or names no realm
     */
    public static DigestHa1CredentialModel from(CredentialModel stored) {
        try {
            CredentialData data = JsonSerialization.readValue(stored.getCredentialData(), CredentialData.class);
            SecretData secret = JsonSerialization.readValue(stored.getSecretData(), SecretData.class);
            if (data == null || data.realm() == null || secret == null || secret.ha1() == null) {
                throw new IllegalArgumentException("digest-ha1 credential needs credentialData.realm and secretData.ha1");
            }
            DigestHa1CredentialModel model = new DigestHa1CredentialModel(data, secret);
            model.setId(stored.getId());
            model.setType(TYPE);
            model.setUserLabel(stored.getUserLabel());
            model.setCreatedDate(stored.getCreatedDate());
            model.setCredentialData(stored.getCredentialData());
            model.setSecretData(stored.getSecretData());
            return model;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable digest-ha1 credential", e);
        }
    }

    public String digestRealm() {
        return credentialData.realm();
    }

    /** The stored HA1 (lowercase or uppercase hex) for a base algorithm; -sess variants use their base's HA1. */
    public Optional<String> ha1(DigestAlgorithm algorithm) {
        DigestAlgorithm base = algorithm.base();
        for (Map.Entry<String, String> entry : secretData.ha1().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(base.token()) && entry.getValue() != null
                    && entry.getValue().length() == base.hexLength()) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    record CredentialData(@JsonProperty("realm") String realm) {
    }

    record SecretData(@JsonProperty("ha1") Map<String, String> ha1) {
    }
}
