package io.authbridge.digest.client;

import java.util.Optional;

import io.authbridge.common.core.ClientSecretSlot;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.core.DigestCalculator;

/**
 * Checks a client's Digest response against the secrets it may use right now: its current secret and, during the
 * grace period of Keycloak's client-secret rotation, its previous (rotated) secret. HA1 = H(client_id ":" realm ":"
 * secret) is derived on the fly from the secret Keycloak already keeps; nothing Digest-specific is stored.
 * <p>
 * Both slots are always hashed and verified, a placeholder standing in for an absent secret (its result is ignored),
 * so the time taken does not tell whether the client exists or has a rotated secret. Comparisons are constant-time
 * ({@link DigestCalculator#verify}).
 */
public final class ClientSecretVerifier {

    /** Stands in for an absent secret so the work done is the same; a match against it never counts. */
    private static final String PLACEHOLDER_SECRET = "authbridge:no-secret";

    private ClientSecretVerifier() {
    }

    /** @param ha1 the HA1 the response verified against, for the {@code rspauth} of {@code Authentication-Info} */
    public record Match(ClientSecretSlot slot, String ha1) {
    }

    /**
     * @param digestRealm   the digest realm string the challenge announced (hashed into HA1)
     * @param method        the request method, e.g. {@code POST}
     * @param currentSecret the client's secret in clear; null when it has none or it has expired
     * @param rotatedSecret the rotated secret in clear; null when there is none or its grace period is over
     * @return the slot whose secret produced the client's response; empty when neither did
     */
    public static Optional<Match> verify(DigestAuthorization authorization, String digestRealm, String method,
                                         String currentSecret, String rotatedSecret) {
        Optional<Match> current = check(authorization, digestRealm, method, currentSecret, ClientSecretSlot.CURRENT);
        Optional<Match> rotated = check(authorization, digestRealm, method, rotatedSecret, ClientSecretSlot.ROTATED);
        return current.isPresent() ? current : rotated;
    }

    private static Optional<Match> check(DigestAuthorization authorization, String digestRealm, String method,
                                         String secret, ClientSecretSlot slot) {
        boolean present = secret != null;
        String ha1 = DigestCalculator.ha1(authorization.algorithm().base(), authorization.username(), digestRealm,
                present ? secret : PLACEHOLDER_SECRET);
        boolean verified;
        try {
            // qop=auth-int is never offered where a client authenticates (the form body is Keycloak's to read), and
            // the exchange refuses it before this point; an empty body keeps the calculator total.
            verified = DigestCalculator.verify(authorization, ha1, method, new byte[0]);
        } catch (IllegalArgumentException e) {
            verified = false;
        }
        return present && verified ? Optional.of(new Match(slot, ha1)) : Optional.empty();
    }
}
