package io.authbridge.common.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.authbridge.common.core.SecretMatcher.Match;
import io.authbridge.common.core.SecretMatcher.Slot;
import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link SecretMatcher} against its rule, for secrets drawn from a small pool so that they often coincide. */
class SecretMatcherProperties {

    /** Mostly the committed seeds (the placeholder among them), so candidates and proofs often coincide; null for absent. */
    private static final Gen<String> SECRET = Gen.oneOf(
            Gen.of(FuzzSeeds.text("secret-matcher", StandardCharsets.UTF_8)),
            Gen.of(FuzzSeeds.text("secret-matcher", StandardCharsets.UTF_8)),
            Gen.strings(Gen.anyChar(), 0, 12)).orNull(25);

    /** The client's current and rotated secret, and the secret a proof was made with. */
    private record Case(String current, String rotated, String proofSecret) {
    }

    private static final Gen<Case> CASE = random -> new Case(SECRET.next(random), SECRET.next(random), SECRET.next(random));

    /** The secrets, and what the proof check answers for the first and second candidate (bits 0 and 1). */
    private record Answered(Case secrets, int answers) {
    }

    @Test
    void matchesIffOneCandidateEqualsTheProofsSecret() {
        Map<Slot, Integer> matched = new EnumMap<>(Slot.class);
        forAll(CASE, c -> {
            Optional<Slot> expected = c.current() != null && c.current().equals(c.proofSecret()) ? Optional.of(Slot.CURRENT)
                    : c.rotated() != null && c.rotated().equals(c.proofSecret()) ? Optional.of(Slot.ROTATED)
                    : Optional.empty();

            assertThat(SecretMatcher.match(c.current(), c.rotated(), secret -> secret.equals(c.proofSecret())))
                    .isEqualTo(expected);
            expected.ifPresent(slot -> matched.merge(slot, 1, Integer::sum));
        });
        assertThat(matched).as("both slots matched at least once").containsKeys(Slot.CURRENT, Slot.ROTATED);
    }

    @Test
    void theMatchCarriesWhatTheProofWasCheckedAgainst() {
        forAll(CASE, c -> {
            Optional<Match<String>> match = SecretMatcher.match(c.current(), c.rotated(), SecretMatcherProperties::derive,
                    derived -> derived.equals(derive(c.proofSecret())));

            match.ifPresent(m -> {
                assertThat(m.derived()).isEqualTo(derive(c.proofSecret()));
                assertThat(m.slot() == Slot.CURRENT ? c.current() : c.rotated()).isEqualTo(c.proofSecret());
            });
        });
    }

    /** Constant work: both candidates derived and checked once each, in order, a placeholder for an absent one. */
    @Test
    void alwaysChecksBothCandidatesOnce() {
        forAll(Gen.zip(CASE, Gen.ints(0, 3), Answered::new), input -> {
            Case c = input.secrets();
            int answers = input.answers();
            List<String> derivedFrom = new ArrayList<>();
            List<String> checked = new ArrayList<>();

            SecretMatcher.match(c.current(), c.rotated(), secret -> {
                derivedFrom.add(secret);
                return derive(secret);
            }, derived -> {
                checked.add(derived);
                return (answers >> (checked.size() - 1) & 1) == 1;
            });

            String currentTried = c.current() == null ? SecretMatcher.PLACEHOLDER_SECRET : c.current();
            String rotatedTried = c.rotated() == null ? SecretMatcher.PLACEHOLDER_SECRET : c.rotated();
            assertThat(derivedFrom).containsExactly(currentTried, rotatedTried);
            assertThat(checked).containsExactly(derive(currentTried), derive(rotatedTried));
        });
    }

    private static String derive(String secret) {
        return "H(" + secret + ")";
    }
}
