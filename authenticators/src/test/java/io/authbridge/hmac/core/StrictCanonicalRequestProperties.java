package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link StrictCanonicalRequest}: six lines in order, so that two requests that differ sign differently. */
class StrictCanonicalRequestProperties {

    private record Request(String timestamp, String method, String path, String tenant, String bodyHash) {

        String[] expectedLines() {
            return new String[]{StrictCanonicalRequest.SCHEME, timestamp, method.toUpperCase(Locale.ROOT), path,
                    tenant == null ? "" : tenant, bodyHash};
        }

        String message() {
            return StrictCanonicalRequest.of(timestamp, method, path, tenant, bodyHash);
        }
    }

    private record Pair(Request a, Request b) {
    }

    /** Fields as requests carry them: none holds a line feed (a header or path cannot). */
    private static final Gen<Request> REQUEST = random -> new Request(HmacGenerators.TIMESTAMP.next(random),
            Gen.oneOf(Gen.of("POST", "post", "GET", "Put"), Gen.strings(Gen.chars("azAZ\u0131i"), 1, 6)).next(random),
            Gen.oneOf(Gen.of("/realms/demo/api-key/login/session", "/realms/demo/protocol/openid-connect/token", "/"),
                    Gen.text(cp -> cp != '\n', 0, 20)).next(random),
            HmacGenerators.TENANT.orNull(30).next(random),
            HmacSha256.sha256Hex(Gen.bytes(0, 8).next(random)));

    @Test
    void sixLinesInOrderWithoutATrailingLineFeed() {
        forAll(REQUEST, request -> {
            assertThat(request.message().split("\n", -1)).containsExactly(request.expectedLines());
            assertThat(StrictCanonicalRequest.bytes(request.timestamp(), request.method(), request.path(), request.tenant(),
                    request.bodyHash())).isEqualTo(request.message().getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void requestsThatDifferHaveDifferentMessages() {
        forAll(Gen.zip(REQUEST, REQUEST, Pair::new), pair -> assertThat(pair.a().message().equals(pair.b().message()))
                .isEqualTo(Arrays.equals(pair.a().expectedLines(), pair.b().expectedLines())));
    }
}
