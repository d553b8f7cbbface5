package io.authbridge.common.core;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one rule for "which of the client's usable secrets does this proof match", for every proof AuthBridge checks
 * against a client secret (a Digest response, an HMAC signature). The candidates are the current secret and, during
 * the grace period of client-secret rotation, the rotated one ({@link ClientSecrets} reads them from Keycloak).
 * <p>
 * Every candidate is tried, with no early exit, and a placeholder stands in for an absent secret (its match never
 * counts), so the work done — and the time taken — does not tell whether the client exists, has a rotated secret, or
 * which secret matched. The proof's own comparison must be constant-time too ({@code MessageDigest.isEqual}).
 * <p>
 * Pure (no Keycloak types), so the verifiers built on it can be unit-tested directly.
 */
public final class SecretMatcher {

    /** Which of a client's secrets a proof was made with. */
    public enum Slot {
        CURRENT,
        /** The previous secret, accepted until the rotation's grace period ends. */
        ROTATED
    }

    /** @param derived what the proof was checked against, made from the matching secret (e.g. Digest's HA1) */
    public record Match<D>(Slot slot, D derived) {
    }

    /** Stands in for an absent secret so the work done is the same; a match against it never counts. */
    public static final String PLACEHOLDER_SECRET = "authbridge:no-secret";

    private SecretMatcher() {
    }

    /**
     * @param current the current secret; null when the client has none or it has expired
     * @param rotated the rotated secret; null when there is none or its grace period is over
     * @param derive  what the proof is checked against, from one secret (the secret itself, an HA1, …)
     * @param proves  whether the proof matches the derived value; must do the same work whatever the answer
     * @return the slot whose secret the proof matches (the current one when both do); empty when none does
     */
    public static <D> Optional<Match<D>> match(String current, String rotated, Function<String, D> derive, Predicate<D> proves) {
        Optional<Match<D>> matchesCurrent = check(Slot.CURRENT, current, derive, proves);
        Optional<Match<D>> matchesRotated = check(Slot.ROTATED, rotated, derive, proves);
        return matchesCurrent.isPresent() ? matchesCurrent : matchesRotated;
    }

    /** {@link #match(String, String, Function, Predicate)} for a proof checked against the secret itself. */
    public static Optional<Slot> match(String current, String rotated, Predicate<String> proves) {
        return match(current, rotated, Function.identity(), proves).map(Match::slot);
    }

    private static <D> Optional<Match<D>> check(Slot slot, String secret, Function<String, D> derive, Predicate<D> proves) {
        boolean present = secret != null;
        D derived = derive.apply(present ? secret : PLACEHOLDER_SECRET);
        boolean proven = proves.test(derived);
        return present && proven ? Optional.of(new Match<>(slot, derived)) : Optional.empty();
    }
}
