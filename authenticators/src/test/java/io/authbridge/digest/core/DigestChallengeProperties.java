package io.authbridge.digest.core;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link DigestChallenge#headerValues}: a client reads back one challenge per algorithm, strongest first, with every value. */
class DigestChallengeProperties {

    private static final Gen<String> HEADER_TEXT = Gen.strings(Gen.oneOf(Gen.chars(' ', '~'), Gen.chars("\"\\\t,=")), 0, 24);

    /** What a server offers and the values of one 401. */
    private record Offer(String realm, Set<DigestAlgorithm> algorithms, Set<DigestQop> qops, String nonce, String opaque,
                         boolean stale) {
    }

    private static <E extends Enum<E>> Gen<Set<E>> someOf(Class<E> type) {
        return Gen.of(type).list(1, type.getEnumConstants().length).map(values -> Set.copyOf(EnumSet.copyOf(values)));
    }

    private static final Gen<Offer> OFFER = random -> new Offer(HEADER_TEXT.next(random), someOf(DigestAlgorithm.class).next(random),
            someOf(DigestQop.class).next(random), HEADER_TEXT.next(random), HEADER_TEXT.next(random), random.nextBoolean());

    @Test
    void aClientReadsOneChallengePerAlgorithmStrongestFirst() {
        forAll(OFFER, offer -> {
            List<String> values = new DigestChallenge(offer.realm(), offer.algorithms(), offer.qops())
                    .headerValues(offer.nonce(), offer.opaque(), offer.stale());

            List<String> algorithms = Arrays.stream(DigestAlgorithm.values()).filter(offer.algorithms()::contains)
                    .map(DigestAlgorithm::token).toList();
            String qop = Arrays.stream(DigestQop.values()).filter(offer.qops()::contains).map(DigestQop::token)
                    .collect(Collectors.joining(", "));
            assertThat(values).hasSize(algorithms.size());
            for (int i = 0; i < values.size(); i++) {
                assertThat(values.get(i)).startsWith("Digest ");
                Map<String, String> parameters = DigestHeaders.readParameters(values.get(i).substring("Digest ".length()));
                Map<String, String> expected = new HashMap<>(Map.of("realm", offer.realm(), "qop", qop,
                        "algorithm", algorithms.get(i), "nonce", offer.nonce(), "opaque", offer.opaque(), "charset", "UTF-8",
                        "userhash", "false"));
                if (offer.stale()) {
                    expected.put("stale", "true");
                }
                assertThat(parameters).isEqualTo(expected);
            }
        });
    }

    /** Refused when built, not at the first 401: a realm that could not go into the header. */
    @Test
    void aRealmThatCannotGoInAHeaderIsRefusedWhenBuilt() {
        Gen<String> realms = Gen.strings(Gen.oneOf(Gen.chars(' ', '~'), Gen.chars(' ', '~'), Gen.anyChar(), Gen.chars("\r\n\u0000\u007f")), 0, 12);
        forAll(realms, realm -> {
            boolean printable = realm.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E));
            Set<DigestAlgorithm> algorithms = Set.of(DigestAlgorithm.SHA_256);
            if (printable) {
                assertThat(new DigestChallenge(realm, algorithms, Set.of(DigestQop.AUTH)).realm()).isEqualTo(realm);
            } else {
                assertThatIllegalArgumentException().isThrownBy(() -> new DigestChallenge(realm, algorithms, Set.of(DigestQop.AUTH)));
            }
        });
    }
}
