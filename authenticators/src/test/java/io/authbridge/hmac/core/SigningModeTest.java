package io.authbridge.hmac.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SigningModeTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "legacy", " LEGACY "})
    void absentBlankOrLegacyIsLegacy(String value) {
        assertThat(SigningMode.fromConfig(value)).isEqualTo(SigningMode.LEGACY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "Strict", " STRICT\t"})
    void strictIsRecognisedWhateverItsCaseAndSpacing(String value) {
        assertThat(SigningMode.fromConfig(value)).isEqualTo(SigningMode.STRICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"paranoid", "strictly", "legacy,strict"})
    void anythingElseIsRefusedNamingIt(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> SigningMode.fromConfig(value))
                .withMessage("Unknown signing mode '" + value + "'; expected legacy or strict");
    }

    @Test
    void theConfigValuesAreWhatAdminsType() {
        assertThat(SigningMode.LEGACY.configValue()).isEqualTo("legacy");
        assertThat(SigningMode.STRICT.configValue()).isEqualTo("strict");
        for (SigningMode mode : SigningMode.values()) {
            assertThat(SigningMode.fromConfig(mode.configValue())).isEqualTo(mode);
        }
    }
}
