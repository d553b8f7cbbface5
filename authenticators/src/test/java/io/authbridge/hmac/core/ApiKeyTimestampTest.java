package io.authbridge.hmac.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.authbridge.hmac.core.ApiKeyTimestamp.Freshness.FRESH;
import static io.authbridge.hmac.core.ApiKeyTimestamp.Freshness.IN_FUTURE;
import static io.authbridge.hmac.core.ApiKeyTimestamp.Freshness.TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyTimestampTest {

    private static final long NOW = 1_736_340_044_000L;

    @Test
    void parsesDigits() {
        assertThat(ApiKeyTimestamp.parse("1736340044000")).isEqualTo(NOW);
        assertThat(ApiKeyTimestamp.parse("0")).isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-1", "+1", "1.5", "1e3", " 1", "abc", "1234567890123456789", "١٢٣"})
    void refusesAnythingElse(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyTimestamp.parse(value));
    }

    @Test
    void acceptsUpToTheMaximumAgeAndTheClockSkew() {
        assertThat(ApiKeyTimestamp.check(NOW - 1_800_000, NOW, 1800, 300)).isEqualTo(FRESH);
        assertThat(ApiKeyTimestamp.check(NOW - 1_800_001, NOW, 1800, 300)).isEqualTo(TOO_OLD);
        assertThat(ApiKeyTimestamp.check(NOW + 300_000, NOW, 1800, 300)).isEqualTo(FRESH);
        assertThat(ApiKeyTimestamp.check(NOW + 300_001, NOW, 1800, 300)).isEqualTo(IN_FUTURE);
        assertThat(ApiKeyTimestamp.check(NOW + 1, NOW, 1800, 0)).isEqualTo(IN_FUTURE);
    }

    @Test
    void eighteenDigitsAreTheLongestTimestamp() {
        assertThat(ApiKeyTimestamp.parse("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyTimestamp.parse("1000000000000000000"));
    }

    @Test
    void onlyTheDigitsZeroToNineCount() {
        assertThat(ApiKeyTimestamp.parse("0909")).isEqualTo(909L);
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyTimestamp.parse("12/4"));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyTimestamp.parse("12:4"));
    }
}
