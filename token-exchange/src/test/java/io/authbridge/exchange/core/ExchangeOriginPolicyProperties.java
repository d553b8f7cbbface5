package io.authbridge.exchange.core;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import io.authbridge.exchange.core.ExchangeOriginPolicy.Decision;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExchangeOriginPolicy}: an Origin is allowed iff it equals one of the client's Web Origins exactly (no
 * normalisation: case, port and slash count), never "*" or "null"; without Origin only a confidential client passes.
 */
class ExchangeOriginPolicyProperties {

    private static final List<String> SEEDS = FuzzSeeds.text("exchange-origin", StandardCharsets.UTF_8);

    /** Seeds and their near misses: another case, port, slash or scheme. */
    static final Gen<String> ORIGIN = Gen.oneOf(Gen.of(SEEDS), Gen.of(SEEDS), Gen.around(SEEDS, "hHtTpPsS:/.0123456789*", 40));

    private record Request(String origin, Set<String> webOrigins, boolean confidential) {
    }

    private static final Gen<Request> REQUEST = random -> new Request(ORIGIN.orNull(15).next(random),
            new HashSet<>(ORIGIN.list(0, 5).next(random)), random.nextBoolean());

    @Test
    void allowedIffExactlyOneOfTheWebOriginsAndNeverAStarOrNull() {
        int[] allowed = {0};
        forAll(REQUEST, r -> {
            Decision expected;
            if (r.origin() == null) {
                expected = r.confidential() ? Decision.BACK_END_ALLOWED : Decision.ORIGIN_REQUIRED;
            } else {
                boolean listed = r.webOrigins().contains(r.origin()) && !r.origin().equals("*") && !r.origin().equals("null");
                expected = listed ? Decision.BROWSER_ORIGIN_ALLOWED : Decision.ORIGIN_NOT_ALLOWED;
            }
            Decision decision = ExchangeOriginPolicy.decide(r.origin(), r.webOrigins(), r.confidential());

            assertThat(decision).isEqualTo(expected);
            assertThat(ExchangeOriginPolicy.isAllowedOrigin(r.origin(), r.webOrigins()))
                    .isEqualTo(decision == Decision.BROWSER_ORIGIN_ALLOWED);
            allowed[0] += decision == Decision.BROWSER_ORIGIN_ALLOWED ? 1 : 0;
        });
        assertThat(allowed[0]).as("origins allowed").isPositive();
    }
}
