package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link AuthenticationInfo}: the client reads back every value it needs for mutual authentication, and no more. */
class AuthenticationInfoProperties {

    private static final Gen<AuthenticationInfo> INFO = random -> {
        DigestQop qop = Gen.of(DigestQop.class).orNull(30).next(random);
        Gen<String> nonce = Gen.strings(Gen.chars(' ', '~'), 0, 24);
        return new AuthenticationInfo(qop, qop == null ? null : DigestGenerators.hex(64).next(random),
                qop == null ? null : DigestGenerators.PRINTABLE_ASCII.next(random),
                qop == null ? null : DigestGenerators.hex(8).map(nc -> random.nextBoolean() ? nc.toUpperCase() : nc).next(random),
                nonce.orNull(40).next(random));
    };

    @Test
    void aClientReadsBackEveryValue() {
        forAll(INFO, info -> {
            Map<String, String> expected = new HashMap<>();
            if (info.qop() != null) {
                expected.putAll(Map.of("qop", info.qop().token(), "rspauth", info.rspauth(), "cnonce", info.cnonce(), "nc", info.nc()));
            }
            if (info.nextNonce() != null) {
                expected.put("nextnonce", info.nextNonce());
            }
            Optional<String> header = info.headerValue();

            assertThat(header.isPresent()).isEqualTo(!expected.isEmpty());
            header.ifPresent(value -> assertThat(DigestHeaders.readParameters(value)).isEqualTo(expected));
        });
    }

    /** For parsed credentials: rspauth is the calculator's, cnonce and nc are echoed as sent; RFC 2069 gets none. */
    @Test
    void answersTheRequestItWasMadeFor() {
        forAll(DigestGenerators.AUTHORIZATION, authorization -> {
            String ha1 = "0".repeat(authorization.algorithm().hexLength());
            byte[] body = authorization.uri().getBytes(StandardCharsets.UTF_8);
            AuthenticationInfo info = AuthenticationInfo.of(authorization, ha1, body, null);

            assertThat(info.qop()).isEqualTo(authorization.qop());
            assertThat(info.cnonce()).isEqualTo(authorization.cnonce());
            assertThat(info.nc()).isEqualTo(authorization.nc());
            assertThat(info.rspauth()).isEqualTo(authorization.hasQop() ? DigestCalculator.rspauth(authorization, ha1, body) : null);
        });
    }
}
