package io.authbridge.digest.core;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestChallengeTest {

    private static final Set<DigestQop> BOTH_QOPS = EnumSet.allOf(DigestQop.class);

    @Test
    void oneChallengePerAlgorithmStrongestFirst() {
        DigestChallenge challenge = new DigestChallenge("AminoTV",
                Set.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256_SESS, DigestAlgorithm.SHA_512_256, DigestAlgorithm.SHA_256),
                BOTH_QOPS);
        List<String> values = challenge.headerValues("N", "O", false);
        assertThat(values).containsExactly(
                "Digest realm=\"AminoTV\", qop=\"auth, auth-int\", algorithm=SHA-512-256, nonce=\"N\", opaque=\"O\", "
                        + "charset=UTF-8, userhash=false",
                "Digest realm=\"AminoTV\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"N\", opaque=\"O\", "
                        + "charset=UTF-8, userhash=false",
                "Digest realm=\"AminoTV\", qop=\"auth, auth-int\", algorithm=SHA-256-sess, nonce=\"N\", opaque=\"O\", "
                        + "charset=UTF-8, userhash=false",
                "Digest realm=\"AminoTV\", qop=\"auth, auth-int\", algorithm=MD5, nonce=\"N\", opaque=\"O\", "
                        + "charset=UTF-8, userhash=false");
    }

    @Test
    void staleFlagOnlyWhenAsked() {
        DigestChallenge challenge = new DigestChallenge("r", Set.of(DigestAlgorithm.SHA_256), BOTH_QOPS);
        assertThat(challenge.headerValues("N", "O", true)).singleElement().asString().endsWith(", stale=true");
        assertThat(challenge.headerValues("N", "O", false)).singleElement().asString().doesNotContain("stale");
    }

    @Test
    void qopSubsetAndNoUserhash() {
        DigestChallenge challenge = new DigestChallenge("r", Set.of(DigestAlgorithm.SHA_256), Set.of(DigestQop.AUTH));
        assertThat(challenge.headerValues("N", "O", false)).containsExactly(
                "Digest realm=\"r\", qop=\"auth\", algorithm=SHA-256, nonce=\"N\", opaque=\"O\", charset=UTF-8, userhash=false");
    }

    @Test
    void escapesQuotesAndBackslashesInTheRealm() {
        DigestChallenge challenge = new DigestChallenge("say \"hi\" \\o/", Set.of(DigestAlgorithm.SHA_256), BOTH_QOPS);
        assertThat(challenge.headerValues("N", "O", false)).singleElement().asString()
                .startsWith("Digest realm=\"say \\\"hi\\\" \\\\o/\", ");
    }

    @Test
    void aClientReadsTheRealmBackUnchanged() throws DigestParseException {
        // The challenge and credentials share the auth-param syntax, so our parser can play the client here.
        String realm = "a\"b\\c, d=e";
        String challenge = new DigestChallenge(realm, Set.of(DigestAlgorithm.MD5), BOTH_QOPS)
                .headerValues("N", "O", false).get(0);
        String credentials = challenge.replace(", qop=\"auth, auth-int\"", "").replace("charset=UTF-8", "username=u")
                + ", uri=\"/\", response=\"8ca523f5e9506fed4657c9700eebdbec\"";
        assertThat(DigestAuthorizationParser.parse(credentials).realm()).isEqualTo(realm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nSet-Cookie: x", "a\nb", "a\u0000", "caf\u00e9", "\u20ac"})
    void refusesARealmThatCannotGoIntoAHeader(String realm) {
        assertThatThrownBy(() -> new DigestChallenge(realm, Set.of(DigestAlgorithm.SHA_256), BOTH_QOPS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANonceThatCannotGoIntoAHeader() {
        DigestChallenge challenge = new DigestChallenge("r", Set.of(DigestAlgorithm.SHA_256), BOTH_QOPS);
        assertThatThrownBy(() -> challenge.headerValues("N\r\n", "O", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsAnAlgorithmAndAQop() {
        assertThatThrownBy(() -> new DigestChallenge("r", Set.of(), BOTH_QOPS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DigestChallenge("r", Set.of(DigestAlgorithm.MD5), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void worksWithTheNonceCodec() {
        DigestNonceCodec codec = new DigestNonceCodec(new byte[32], Duration.ofMinutes(1), Clock.systemUTC());
        List<String> values = new DigestChallenge("r", EnumSet.allOf(DigestAlgorithm.class), BOTH_QOPS)
                .headerValues(codec.issue("b"), codec.opaque("b"), false);
        assertThat(values).hasSize(6);
    }
}
