package io.authbridge.exchange.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link CorsHeaders}: the one origin as it came, with credentials, and the preflight's own headers on top. */
class CorsHeadersProperties {

    @Test
    void theOriginAsItCameWithCredentialsAndVary() {
        forAll(ExchangeOriginPolicyProperties.ORIGIN, origin -> {
            Map<String, String> response = new LinkedHashMap<>();
            response.put("Access-Control-Allow-Origin", origin);
            response.put("Access-Control-Allow-Credentials", "true");
            response.put("Vary", "Origin");
            Map<String, String> preflight = new LinkedHashMap<>(response);
            preflight.put("Access-Control-Allow-Methods", "POST");
            preflight.put("Access-Control-Allow-Headers", "Content-Type, Authorization, " + CorsHeaders.REQUIRED_REQUEST_HEADER);
            preflight.put("Access-Control-Max-Age", String.valueOf(CorsHeaders.PREFLIGHT_MAX_AGE_SECONDS));

            assertThat(CorsHeaders.forResponse(origin)).containsExactlyEntriesOf(response);
            assertThat(CorsHeaders.forPreflight(origin)).containsExactlyEntriesOf(preflight);
        });
    }
}
