package io.authbridge.it.hmac;

import java.util.concurrent.atomic.AtomicLong;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.OpenSsl;
import io.authbridge.it.harness.TestRealm;

/**
 * What a partner's script does: sign with openssl, send with curl — to the legacy endpoint or the token endpoint.
 */
final class PartnerCalls {

    /** Strictly increasing millisecond timestamps, so two requests of one test never carry the same signature. */
    private static final AtomicLong LAST_TIMESTAMP = new AtomicLong();

    private final TestRealm realm;

    PartnerCalls(TestRealm realm) {
        this.realm = realm;
    }

    static long freshTimestamp() {
        return LAST_TIMESTAMP.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    static String sign(String secret, String message) {
        return OpenSsl.hmacSha256Hex(secret, message);
    }

    String legacyUrl() {
        return realm.url("127.0.0.1") + "/api-key/login/session";
    }

    /** The legacy call with the body signed in its {@code {"timestamp":<ts>}} form. */
    Curl.Response legacyLogin(String apiKey, String secret, String tenant) {
        String body = "{\"timestamp\":" + freshTimestamp() + "}";
        return legacyLogin(apiKey, sign(secret, body), tenant, body);
    }

    Curl.Response legacyLogin(String apiKey, String signature, String tenant, String body) {
        return legacyLoginFrom("127.0.0.1", apiKey, signature, tenant, body);
    }

    Curl.Response legacyLoginFrom(String address, String apiKey, String signature, String tenant, String body) {
        Curl curl = Curl.from(address)
                .header("x-authentication-api-key", apiKey)
                .header("x-authentication-signature", signature)
                .header("Content-Type", "application/json")
                .body(body);
        if (tenant != null) {
            curl.header("x-multitenant-external-id", tenant);
        }
        return curl.post(realm.url(address) + "/api-key/login/session");
    }

    /** client_credentials at the standard token endpoint, signed as for the legacy endpoint ({@code {"timestamp":"<ts>"}}). */
    Curl.Response clientCredentials(String apiKey, String secret, String tenant) {
        long timestamp = freshTimestamp();
        return tokenRequest(apiKey, sign(secret, "{\"timestamp\":\"" + timestamp + "\"}"), tenant, timestamp,
                "grant_type", "client_credentials");
    }

    /** A token-endpoint request (form parameters as name, value pairs) with the API-key headers. */
    Curl.Response tokenRequest(String apiKey, String signature, String tenant, long timestamp, String... form) {
        return tokenRequestTo(realm.tokenEndpoint("127.0.0.1"), apiKey, signature, tenant, timestamp, form);
    }

    Curl.Response tokenRequestTo(String url, String apiKey, String signature, String tenant, long timestamp, String... form) {
        Curl curl = Curl.from("127.0.0.1")
                .header("x-authentication-api-key", apiKey)
                .header("x-authentication-signature", signature)
                .header("x-authentication-timestamp", String.valueOf(timestamp));
        if (tenant != null) {
            curl.header("x-multitenant-external-id", tenant);
        }
        for (int i = 0; i + 1 < form.length; i += 2) {
            curl.form(form[i], form[i + 1]);
        }
        return curl.post(url);
    }

    /** A token-endpoint request signed for the given form, as the API key's own signature over {@code {"timestamp":<ts>}}. */
    Curl.Response signedTokenRequest(String url, String apiKey, String secret, String tenant, String... form) {
        long timestamp = freshTimestamp();
        return tokenRequestTo(url, apiKey, sign(secret, "{\"timestamp\":" + timestamp + "}"), tenant, timestamp, form);
    }
}
