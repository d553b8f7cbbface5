package io.authbridge.digest.client;

import java.util.Optional;

import io.authbridge.common.core.SecretMatcher;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.core.DigestCalculator;

/**
 * Checks a client's Digest response against the secrets it may use right now ({@link SecretMatcher}: current, and
 * rotated during the grace period). HA1 = H(client_id ":" realm ":" secret) is derived on the fly from the secret
 * Keycloak already keeps; nothing Digest-specific is stored. Comparisons are constant-time
 * ({@link DigestCalculator#verify}).
 */
public final class ClientSecretVerifier {

    private ClientSecretVerifier() {
    }

    /** @param ha1 the HA1 the response verified against, for the {@code rspauth} of {@code Authentication-Info} */
    public record Match(SecretMatcher.Slot slot, String ha1) {
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
        return SecretMatcher.match(currentSecret, rotatedSecret,
                secret -> DigestCalculator.ha1(authorization.algorithm().base(), authorization.username(), digestRealm, secret),
                ha1 -> verifies(authorization, ha1, method))
                .map(match -> new Match(match.slot(), match.derived()));
    }

    private static boolean verifies(DigestAuthorization authorization, String ha1, String method) {
        try {
            // qop=auth-int is never offered where a client authenticates (the form body is Keycloak's to read), and
            // the exchange refuses it before this point; an empty body keeps the calculator total.
            return DigestCalculator.verify(authorization, ha1, method, new byte[0]);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
