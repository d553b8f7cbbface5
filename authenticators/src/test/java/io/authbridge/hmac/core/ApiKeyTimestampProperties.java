package io.authbridge.hmac.core;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import io.authbridge.hmac.core.ApiKeyTimestamp.Freshness;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ApiKeyTimestamp}: exactly 1 to 18 ASCII digits are a timestamp; one is fresh iff it lies in [now - max age,
 * now + skew], both ends included, for every setting an admin can save.
 */
class ApiKeyTimestampProperties {

    /** The settings' limits (ApiKeySettings): max age 1 s to 1 day, skew 0 to 1 hour. */
    private static final long MAX_AGE_LIMIT = 86_400;
    private static final long CLOCK_SKEW_LIMIT = 3_600;

    private record Check(long timestamp, long now, long maxAgeSeconds, long clockSkewSeconds) {
    }

    private static final Gen<Check> CHECK = random -> {
        long now = Gen.longs(0, 4_102_444_800_000L).next(random);
        long maxAge = Gen.longs(1, MAX_AGE_LIMIT).next(random);
        long skew = Gen.longs(0, CLOCK_SKEW_LIMIT).next(random);
        long offset = Gen.oneOf(Gen.longs(-maxAge * 1000 - 2, -maxAge * 1000 + 2), Gen.longs(skew * 1000 - 2, skew * 1000 + 2),
                Gen.longs(-2, 2), Gen.longs(-2 * maxAge * 1000, 2 * skew * 1000 + 2)).next(random);
        return new Check(now + offset, now, maxAge, skew);
    };

    @Test
    void freshIffWithinTheWindowBothEndsIncluded() {
        forAll(CHECK, c -> {
            BigInteger timestamp = BigInteger.valueOf(c.timestamp());
            BigInteger oldest = BigInteger.valueOf(c.now()).subtract(BigInteger.valueOf(c.maxAgeSeconds()).multiply(BigInteger.valueOf(1000)));
            BigInteger newest = BigInteger.valueOf(c.now()).add(BigInteger.valueOf(c.clockSkewSeconds()).multiply(BigInteger.valueOf(1000)));
            Freshness expected = timestamp.compareTo(oldest) < 0 ? Freshness.TOO_OLD
                    : timestamp.compareTo(newest) > 0 ? Freshness.IN_FUTURE
                    : Freshness.FRESH;

            assertThat(ApiKeyTimestamp.check(c.timestamp(), c.now(), c.maxAgeSeconds(), c.clockSkewSeconds())).isEqualTo(expected);
        });
    }

    @Test
    void readsExactlyOneToEighteenAsciiDigits() {
        Gen<String> texts = Gen.oneOf(
                Gen.around(FuzzSeeds.text("api-key-timestamp", StandardCharsets.UTF_8), "0123456789-+. eE\uff11\u0661", 25),
                HmacGenerators.TIMESTAMP, Gen.strings(Gen.chars("0123456789"), 0, 20));
        forAll(texts, text -> {
            if (text.matches("[0-9]{1,18}")) {
                assertThat(ApiKeyTimestamp.parse(text)).isEqualTo(Long.parseLong(text));
            } else {
                assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyTimestamp.parse(text))
                        .withMessage("timestamp must be milliseconds since the epoch, as an integer");
            }
        });
    }
}
