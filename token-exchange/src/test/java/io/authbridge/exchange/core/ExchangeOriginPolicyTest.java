package io.authbridge.exchange.core;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.authbridge.exchange.core.ExchangeOriginPolicy.Decision.BACK_END_ALLOWED;
import static io.authbridge.exchange.core.ExchangeOriginPolicy.Decision.BROWSER_ORIGIN_ALLOWED;
import static io.authbridge.exchange.core.ExchangeOriginPolicy.Decision.ORIGIN_NOT_ALLOWED;
import static io.authbridge.exchange.core.ExchangeOriginPolicy.Decision.ORIGIN_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

class ExchangeOriginPolicyTest {

    private static final Set<String> WEB_ORIGINS = Set.of("https://app.example", "http://localhost:3000");

    @Test
    void aWebOriginOfTheClientIsAllowedExactly() {
        assertThat(ExchangeOriginPolicy.decide("https://app.example", WEB_ORIGINS, false)).isEqualTo(BROWSER_ORIGIN_ALLOWED);
        assertThat(ExchangeOriginPolicy.decide("https://app.example", WEB_ORIGINS, true)).isEqualTo(BROWSER_ORIGIN_ALLOWED);
        assertThat(ExchangeOriginPolicy.decide("http://localhost:3000", WEB_ORIGINS, false)).isEqualTo(BROWSER_ORIGIN_ALLOWED);
    }

    @Test
    void nearMissesAreRefused() {
        for (String origin : new String[]{"https://app.example:443", "https://app.example/", "http://app.example",
                "https://APP.example", "https://evil.app.example", "https://app.example.evil", "http://localhost:3001",
                "null", "*", ""}) {
            assertThat(ExchangeOriginPolicy.decide(origin, WEB_ORIGINS, false)).as(origin).isEqualTo(ORIGIN_NOT_ALLOWED);
        }
    }

    @Test
    void aStarWebOriginNeverAllowsTheExchange() {
        assertThat(ExchangeOriginPolicy.decide("https://anything.example", Set.of("*"), false)).isEqualTo(ORIGIN_NOT_ALLOWED);
        assertThat(ExchangeOriginPolicy.decide("*", Set.of("*"), false)).isEqualTo(ORIGIN_NOT_ALLOWED);
    }

    @Test
    void withoutOriginOnlyAConfidentialClient() {
        assertThat(ExchangeOriginPolicy.decide(null, WEB_ORIGINS, true)).isEqualTo(BACK_END_ALLOWED);
        assertThat(ExchangeOriginPolicy.decide(null, WEB_ORIGINS, false)).isEqualTo(ORIGIN_REQUIRED);
    }

    @Test
    void corsHeadersNameTheOriginAndCredentials() {
        assertThat(CorsHeaders.forResponse("https://app.example"))
                .containsEntry("Access-Control-Allow-Origin", "https://app.example")
                .containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Vary", "Origin");
        assertThat(CorsHeaders.forPreflight("https://app.example").get("Access-Control-Allow-Headers"))
                .contains(CorsHeaders.REQUIRED_REQUEST_HEADER);
    }
}
