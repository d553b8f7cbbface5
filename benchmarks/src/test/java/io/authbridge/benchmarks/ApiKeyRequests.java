package io.authbridge.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Requests signed the way a partner signs them (HMAC-SHA256 of {@code {"timestamp":<ms>}} with the client secret),
 * each with its own timestamp, since the server accepts each signature once. The signature is computed with the
 * JDK's HMAC here; that it matches what openssl computes is the integration tests' job.
 */
final class ApiKeyRequests {

    static final String LOGIN_SESSION_PATH = "/realms/" + BenchRealm.NAME + "/api-key/login/session";

    private static final String TIMESTAMP = "apiKeyTimestamp";
    private static final String SIGNATURE = "apiKeySignature";
    /** Strictly increasing, so no two requests of the run carry the same signature. */
    private static final AtomicLong LAST_TIMESTAMP = new AtomicLong();

    private ApiKeyRequests() {
    }

    /** The legacy call: JSON body, answer {@code {"accessToken", "refreshToken"}}. */
    static ChainBuilder legacyLogin(String requestName, String apiKey, String secret, String tenant) {
        return exec(session -> sign(session, secret))
                .exec(http(requestName).post(LOGIN_SESSION_PATH)
                        .header("x-authentication-api-key", apiKey)
                        .header("x-authentication-signature", session -> session.getString(SIGNATURE))
                        .header("x-multitenant-external-id", tenant)
                        .header("Content-Type", "application/json")
                        .body(StringBody(session -> body(session.getLong(TIMESTAMP))))
                        .check(status().is(200), jsonPath("$.accessToken").exists()));
    }

    /** client_credentials at the token endpoint with the API-key headers. */
    static ChainBuilder clientCredentials(String requestName, String apiKey, String secret, String tenant) {
        return exec(session -> sign(session, secret))
                .exec(http(requestName).post(BenchRealm.TOKEN_PATH)
                        .header("x-authentication-api-key", apiKey)
                        .header("x-authentication-signature", session -> session.getString(SIGNATURE))
                        .header("x-authentication-timestamp", session -> String.valueOf(session.getLong(TIMESTAMP)))
                        .header("x-multitenant-external-id", tenant)
                        .formParam("grant_type", "client_credentials")
                        .check(status().is(200), jsonPath("$.access_token").exists()));
    }

    static long nextTimestamp() {
        return LAST_TIMESTAMP.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    static String body(long timestamp) {
        return "{\"timestamp\":" + timestamp + "}";
    }

    static String signature(String secret, String message) {
        return HexFormat.of().formatHex(hmacSha256(secret, message.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA256 keyed with the UTF-8 bytes of a client secret: the API-key signature, and client_secret_jwt's HS256. */
    static byte[] hmacSha256(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Session sign(Session session, String secret) {
        long timestamp = nextTimestamp();
        return session.set(TIMESTAMP, timestamp).set(SIGNATURE, signature(secret, body(timestamp)));
    }
}
