package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.authbridge.common.core.SecretMatcher.Slot;
import io.authbridge.common.core.SecretMatcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeySignatureVerifierTest {

    private static final List<byte[]> LEGACY = LegacySignedMessages.candidates(null, "1736340044000");

    @Test
    void acceptsEitherVectorFormWithTheCurrentSecret() {
        assertThat(ApiKeySignatureVerifier.verify(HmacSha256.parseHex(HmacSha256Test.QUOTED_SIGNATURE), LEGACY, "partner-secret-1", null))
                .contains(Slot.CURRENT);
        assertThat(ApiKeySignatureVerifier.verify(HmacSha256.parseHex(HmacSha256Test.BARE_SIGNATURE.toUpperCase()), LEGACY, "partner-secret-1", null))
                .contains(Slot.CURRENT);
    }

    @Test
    void acceptsTheRotatedSecret() {
        assertThat(ApiKeySignatureVerifier.verify(HmacSha256.parseHex(HmacSha256Test.BARE_SIGNATURE), LEGACY, "new-secret", "partner-secret-1"))
                .contains(Slot.ROTATED);
    }

    @Test
    void refusesAnotherSecretOrMessage() {
        byte[] signature = HmacSha256.parseHex(HmacSha256Test.BARE_SIGNATURE);
        assertThat(ApiKeySignatureVerifier.verify(signature, LEGACY, "partner-secret-2", null)).isEmpty();
        assertThat(ApiKeySignatureVerifier.verify(signature, LegacySignedMessages.candidates(null, "1736340044001"), "partner-secret-1", null)).isEmpty();
        assertThat(ApiKeySignatureVerifier.verify(signature, List.of("{}".getBytes(StandardCharsets.UTF_8)), "partner-secret-1", null)).isEmpty();
    }

    @Test
    void aSignatureMadeWithThePlaceholderNeverCounts() {
        byte[] placeholderSignature = HmacSha256.sign(SecretMatcher.PLACEHOLDER_SECRET, LEGACY.get(0));
        assertThat(ApiKeySignatureVerifier.verify(placeholderSignature, LEGACY, null, null)).isEmpty();
    }
}
