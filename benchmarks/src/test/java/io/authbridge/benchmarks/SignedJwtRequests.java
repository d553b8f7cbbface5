package io.authbridge.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * client_credentials authenticated the way Keycloak's own {@code client-secret-jwt} authenticator expects (RFC 7523
 * {@code client_secret_jwt}): a client assertion signed with HS256 and the client secret, each with a fresh
 * {@code jti}, which Keycloak accepts once — it marks the {@code jti} used in the same single-use store AuthBridge
 * uses for its signatures and nonce counts. The benchmark's Keycloak-only measure of what that store costs.
 */
final class SignedJwtRequests {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String ASSERTION = "clientAssertion";

    private SignedJwtRequests() {
    }

    /**
     * @param audience the realm's issuer URL (Keycloak accepts it as the assertion's audience), the same for every
     *                 node since all answer under one public URL
     */
    static ChainBuilder clientCredentials(String requestName, String clientId, String secret, String audience) {
        return exec(session -> session.set(ASSERTION, assertion(clientId, secret, audience)))
                .exec(http(requestName).post(BenchRealm.TOKEN_PATH)
                        .formParam("grant_type", "client_credentials")
                        .formParam("client_assertion_type", ASSERTION_TYPE)
                        .formParam("client_assertion", session -> session.getString(ASSERTION))
                        .check(status().is(200), jsonPath("$.access_token").exists()));
    }

    static String assertion(String clientId, String secret, String audience) {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + clientId + "\",\"sub\":\"" + clientId + "\",\"aud\":\"" + audience
                + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + 30) + "}";
        String signingInput = HEADER + "." + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + BASE64URL.encodeToString(
                ApiKeyRequests.hmacSha256(secret, signingInput.getBytes(StandardCharsets.US_ASCII)));
    }
}
