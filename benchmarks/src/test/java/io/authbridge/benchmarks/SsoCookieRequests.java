package io.authbridge.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A single-page app turning the user's SSO cookie into tokens, two ways:
 * <ul>
 * <li>the standard way: a {@code prompt=none} authorization request with PKCE (S256, a fresh verifier each time),
 * then the code exchange at the token endpoint — measured as one transaction (a Gatling group);</li>
 * <li>AuthBridge's {@code POST /realms/{realm}/cookie-exchange/token} — one request.</li>
 * </ul>
 * Each transaction uses the cookies of the next session of {@link SsoSessionPool} (logged in by the setup, not
 * measured). Cookies are carried by hand: Keycloak marks them {@code Secure} on {@code localhost} (a secure context
 * for browsers), and Gatling's cookie jar does not send secure cookies over {@code http}.
 */
final class SsoCookieRequests {

    static final String REALM_PATH = "/realms/" + BenchRealm.SSO_NAME;
    static final String CLIENT = BenchRealm.SPA_CLIENT;
    static final String ORIGIN = "http://bench.example";
    static final String REDIRECT_URI = ORIGIN + "/callback";

    private static final String SSO_COOKIES = "ssoCookies";
    private static final String VERIFIER = "pkceVerifier";
    private static final String CODE = "authorizationCode";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SsoCookieRequests() {
    }

    /** One iteration of the exchange. */
    static ChainBuilder cookieExchange(String requestName) {
        return nextSession().exec(http(requestName).post(REALM_PATH + "/cookie-exchange/token?client_id=" + CLIENT)
                .header("Origin", ORIGIN)
                .header("X-AuthBridge-Cookie-Exchange", "1")
                .header("Cookie", session -> session.getString(SSO_COOKIES))
                .formParam("client_id", CLIENT)
                .formParam("scope", "openid")
                .check(status().is(200), jsonPath("$.access_token").exists()));
    }

    /** One transaction of the standard way: prompt=none with PKCE, then the code exchange. */
    static ChainBuilder promptNoneWithPkce(String requestName) {
        return nextSession()
                .exec(session -> session.set(VERIFIER, SsoSessionPool.codeVerifier()))
                .exec(group(requestName).on(
                        exec(http("authorize: " + requestName).get(session -> REALM_PATH + "/protocol/openid-connect/auth?"
                                        + "response_type=code&prompt=none&scope=openid&client_id=" + CLIENT
                                        + "&redirect_uri=" + encode(REDIRECT_URI)
                                        + "&code_challenge_method=S256&code_challenge=" + codeChallenge(session.getString(VERIFIER))
                                        + "&state=s" + RANDOM.nextInt(Integer.MAX_VALUE))
                                .header("Cookie", session -> session.getString(SSO_COOKIES))
                                .disableFollowRedirect()
                                .check(status().is(302), header("Location").transform(SsoCookieRequests::code).saveAs(CODE)))
                        .exec(http("token: " + requestName).post(REALM_PATH + "/protocol/openid-connect/token")
                                .formParam("grant_type", "authorization_code")
                                .formParam("code", session -> session.getString(CODE))
                                .formParam("redirect_uri", REDIRECT_URI)
                                .formParam("client_id", CLIENT)
                                .formParam("code_verifier", session -> session.getString(VERIFIER))
                                .check(status().is(200), jsonPath("$.access_token").exists()))));
    }

    private static ChainBuilder nextSession() {
        return exec(session -> session.set(SSO_COOKIES, SsoSessionPool.next()));
    }

    private static String code(String location) {
        for (String parameter : location.substring(location.indexOf('?') + 1).split("&")) {
            if (parameter.startsWith("code=")) {
                return java.net.URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no code in " + location);
    }

    static String codeChallenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
