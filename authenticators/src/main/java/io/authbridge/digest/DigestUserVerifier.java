package io.authbridge.digest;

import java.util.Optional;

import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.credential.DigestHa1CredentialProviderFactory;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The one check of a user's Digest response, for every entry point that logs a user in with Digest. Its rules are
 * those of Keycloak's direct-grant steps, in their order: {@code ValidateUsername} (unknown user, service account,
 * brute-force lockout, disabled account) then {@code ValidatePassword} (the credential), with the stored HA1 in the
 * password's place. What happens next (the answer, the brute-force count, the event) is the caller's, from the
 * {@link Result}.
 * <p>
 * Every outcome costs the same hashing: when there is no usable HA1 the response is checked against a stand-in of
 * the same length, so an unknown user, a locked one and a wrong password cannot be told apart by timing.
 */
public final class DigestUserVerifier {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DigestExchange exchange;

    public DigestUserVerifier(KeycloakSession session, RealmModel realm, DigestExchange exchange) {
        this.session = session;
        this.realm = realm;
        this.exchange = exchange;
    }

    /**
     * @param authorization a header that {@link DigestExchange#check} found valid
     * @param method        the request's method, part of HA2
     * @param body          the request body, for qop=auth-int (empty when it cannot be read)
     */
    public Result verify(DigestAuthorization authorization, String method, byte[] body) {
        String standIn = "0".repeat(authorization.algorithm().base().hexLength());
        UserModel user;
        try {
            user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, authorization.username());
        } catch (ModelDuplicateException e) {
            user = null; // ValidateUsername: two accounts share the e-mail — no one logs in with it
        }
        if (user == null) {
            exchange.verifyResponse(authorization, standIn, method, body);
            return new Result.UnknownUser();
        }
        if (user.getServiceAccountClientLink() != null) {
            exchange.verifyResponse(authorization, standIn, method, body);
            return new Result.ServiceAccount(user);
        }
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(
                session.getProvider(BruteForceProtector.class), session, realm, user);
        if (lockout != null) {
            exchange.verifyResponse(authorization, standIn, method, body);
            return new Result.LockedOut(user, lockout);
        }
        Optional<String> ha1 = DigestHa1CredentialProviderFactory.of(session)
                .findCurrent(user, exchange.settings().digestRealm())
                .flatMap(credential -> credential.ha1(authorization.algorithm()));
        boolean verified = exchange.verifyResponse(authorization, ha1.orElse(standIn), method, body) && ha1.isPresent();
        if (!user.isEnabled()) {
            return new Result.Disabled(user, verified);
        }
        if (!verified) {
            return new Result.WrongResponse(user);
        }
        // Verified: this (nonce, nc) is used up now, whatever happens next.
        if (!exchange.markUsed(authorization)) {
            return new Result.Replayed(user);
        }
        return new Result.Verified(user, ha1.get());
    }

    /** What the check found. Only {@link WrongResponse} counts toward brute-force lockout, as a wrong password does. */
    public sealed interface Result {

        /** The right response for an enabled user: the HA1 is for the {@code Authentication-Info} answer. */
        record Verified(UserModel user, String ha1) implements Result {
        }

        /** No such user (or the name is ambiguous): looks like a wrong password. */
        record UnknownUser() implements Result {
        }

        /** A client's service account, which never logs in as a user: looks like a wrong password. */
        record ServiceAccount(UserModel user) implements Result {
        }

        /** Locked by brute-force protection: looks like a wrong password, whatever was sent, and is not counted. */
        record LockedOut(UserModel user, String eventError) implements Result {
        }

        /** A disabled account; only a caller who sent the right response may be told it is disabled. */
        record Disabled(UserModel user, boolean responseVerified) implements Result {
        }

        /** The response does not match the user's HA1, or the user has none for this digest realm and algorithm. */
        record WrongResponse(UserModel user) implements Result {
        }

        /** The right response, but its (nonce, nc) was used before: a captured header replayed. */
        record Replayed(UserModel user) implements Result {
        }
    }
}
