package io.authbridge.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A single-page app turning the user's SSO cookie into tokens, two ways:
 * <ul>
 * <li>the standard way: a {@code prompt=none} authorization request with PKCE (S256, a fresh verifier each time),
 * then the code exchange at the token endpoint — measured as one transaction (a Gatling group);</li>
 * <li>AuthBridge's {@code POST /realms/{realm}/cookie-exchange/token} — one request.</li>
 * </ul>
 * Each virtual user first logs in once through the browser flow's login form (requests named {@code "login: …"},
 * not measured) and keeps Keycloak's SSO cookies. Cookies are carried by hand: Keycloak marks them {@code Secure} on
 * {@code localhost} (a secure context for browsers), and Gatling's cookie jar does not send secure cookies over
 * {@code http}.
 */
final class SsoCookieRequests {

    static final String REALM_PATH = "/realms/" + BenchRealm.NAME;
    static final String CLIENT = BenchRealm.SPA_CLIENT;
    static final String ORIGIN = "http://bench.example";
    static final String REDIRECT_URI = ORIGIN + "/callback";

    private static final String SSO_COOKIES = "ssoCookies";
    private static final String LOGIN_COOKIES = "loginCookies";
    private static final String LOGIN_ACTION = "loginAction";
    private static final String SET_COOKIES = "setCookies";
    private static final String VERIFIER = "pkceVerifier";
    private static final String CODE = "authorizationCode";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SsoCookieRequests() {
    }

    /** One iteration of the exchange (the login first, once per virtual user). */
    static ChainBuilder cookieExchange(String requestName) {
        return loggedIn(requestName).exec(http(requestName).post(REALM_PATH + "/cookie-exchange/token?client_id=" + CLIENT)
                .header("Origin", ORIGIN)
                .header("X-AuthBridge-Cookie-Exchange", "1")
                .header("Cookie", session -> session.getString(SSO_COOKIES))
                .formParam("client_id", CLIENT)
                .formParam("scope", "openid")
                .check(status().is(200), jsonPath("$.access_token").exists()));
    }

    /** One transaction of the standard way: prompt=none with PKCE, then the code exchange. */
    static ChainBuilder promptNoneWithPkce(String requestName) {
        return loggedIn(requestName)
                .exec(session -> session.set(VERIFIER, codeVerifier()))
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

    /** The browser-flow login of the bench user, once per virtual user: the form, then the credentials. */
    private static ChainBuilder loggedIn(String requestName) {
        return doIf(session -> !session.contains(SSO_COOKIES)).then(
                exec(http("login form: " + requestName).get(REALM_PATH + "/protocol/openid-connect/auth?response_type=code"
                                + "&scope=openid&client_id=" + CLIENT + "&redirect_uri=" + encode(REDIRECT_URI)
                                + "&code_challenge_method=S256&code_challenge=" + codeChallenge(codeVerifier()))
                        .check(status().is(200),
                                regex("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").saveAs(LOGIN_ACTION),
                                header("Set-Cookie").findAll().saveAs(SET_COOKIES)))
                        .exec(session -> session.set(LOGIN_COOKIES, cookieHeader(session.getList(SET_COOKIES))))
                        .exec(http("login: " + requestName).post(session -> session.getString(LOGIN_ACTION).replace("&amp;", "&"))
                                .header("Cookie", session -> session.getString(LOGIN_COOKIES))
                                .formParam("username", BenchRealm.USERNAME)
                                .formParam("password", BenchRealm.PASSWORD)
                                .disableFollowRedirect()
                                .check(status().is(302),
                                        headerRegex("Set-Cookie", "KEYCLOAK_IDENTITY=[^;]+").exists(),
                                        header("Set-Cookie").findAll().saveAs(SET_COOKIES)))
                        .exec(session -> session.set(SSO_COOKIES, cookieHeader(session.getList(SET_COOKIES)))));
    }

    /** {@code name=value; …} of the cookies a response set (attributes dropped, expired ones left out). */
    static String cookieHeader(List<Object> setCookies) {
        return setCookies.stream()
                .map(Object::toString)
                .filter(value -> !value.contains("Max-Age=0") && !value.contains("Expires=Thu, 01 Jan 1970"))
                .map(value -> value.split(";", 2)[0].trim())
                .filter(pair -> pair.indexOf('=') > 0 && pair.indexOf('=') < pair.length() - 1)
                .collect(Collectors.joining("; "));
    }

    private static String code(String location) {
        for (String parameter : location.substring(location.indexOf('?') + 1).split("&")) {
            if (parameter.startsWith("code=")) {
                return java.net.URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no code in " + location);
    }

    private static String codeVerifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String codeChallenge(String verifier) {
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
