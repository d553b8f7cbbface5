package io.authbridge.common.core;

import java.util.ArrayList;
import java.util.List;

import io.authbridge.common.core.SecretMatcher.Match;
import io.authbridge.common.core.SecretMatcher.Slot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMatcherTest {

    @Test
    void namesTheSlotWhoseSecretTheProofMatches() {
        assertThat(SecretMatcher.match("new", "old", "new"::equals)).contains(Slot.CURRENT);
        assertThat(SecretMatcher.match("new", "old", "old"::equals)).contains(Slot.ROTATED);
        assertThat(SecretMatcher.match("new", "old", "other"::equals)).isEmpty();
    }

    @Test
    void theCurrentSecretWinsWhenBothMatch() {
        assertThat(SecretMatcher.match("same", "same", "same"::equals)).contains(Slot.CURRENT);
    }

    @Test
    void returnsWhatTheProofWasCheckedAgainst() {
        assertThat(SecretMatcher.match("new", "old", secret -> "H(" + secret + ")", "H(old)"::equals))
                .contains(new Match<>(Slot.ROTATED, "H(old)"));
    }

    @Test
    void triesEveryCandidateWithAPlaceholderForAnAbsentSecret() {
        for (String[] secrets : new String[][]{{"new", "old"}, {"new", null}, {null, null}}) {
            List<String> tried = new ArrayList<>();
            SecretMatcher.match(secrets[0], secrets[1], secret -> {
                tried.add(secret);
                return true; // an early match must not skip the other candidate
            });
            assertThat(tried).as(String.join(",", String.valueOf(secrets[0]), String.valueOf(secrets[1]))).hasSize(2)
                    .allMatch(secret -> secret != null);
        }
    }

    @Test
    void aMatchWithThePlaceholderNeverCounts() {
        assertThat(SecretMatcher.match(null, null, SecretMatcher.PLACEHOLDER_SECRET::equals)).isEmpty();
        assertThat(SecretMatcher.match(null, "old", secret -> true)).contains(Slot.ROTATED);
    }
}
