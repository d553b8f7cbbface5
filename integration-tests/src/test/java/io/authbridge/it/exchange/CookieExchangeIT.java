package io.authbridge.it.exchange;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.authbridge.it.harness.ClientPolicies;
import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.Jwt;
import io.authbridge.it.harness.KeycloakLine;
import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /realms/{realm}/cookie-exchange/token} on the real server: the user logs in through the browser-flow
 * form (curl with a cookie jar), then the cookie is exchanged — and every way the exchange must refuse.
 */
class CookieExchangeIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/cookie-exchange.json");

    static final String APP_ORIGIN = "http://app.example";
    static final String HEADER = "X-AuthBridge-Cookie-Exchange";

    /**
     * Keycloak 26.0 raises no client-policy event for token exchange, so there the exchange refuses to run while the
     * realm has an enabled policy (README "Compatibility"): the realm's one policy is switched off for every test but
     * {@link #ipAllowlistApplies()}, which checks that refusal.
     */
    @BeforeAll
    static void withoutPoliciesWhereTheLineCannotApplyThem() {
        if (!KeycloakLine.current().raisesTokenExchangePolicyEvent()) {
            ClientPolicies.setEnabled(realm.admin(), false);
        }
    }

    @Test
    void aLoggedInUsersCookieIsExchangedForTokensThatIntrospectAsActive() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        assertThat(login.hasIdentityCookie()).isTrue();

        Curl.Response exchange = exchange(login, "spa", APP_ORIGIN, "openid");
        assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
        JsonNode tokens = exchange.json();
        assertThat(tokens.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(tokens.path("expires_in").asInt()).isPositive();
        assertThat(tokens.path("scope").asText()).contains("openid");
        assertThat(tokens.path("session_state").asText()).isNotEmpty();
        assertThat(tokens.path("id_token").asText()).isNotEmpty();
        assertThat(tokens.path("refresh_token").asText()).isNotEmpty();
        assertThat(exchange.header("Access-Control-Allow-Origin")).isEqualTo(APP_ORIGIN);
        assertThat(exchange.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(exchange.header("Cache-Control")).isEqualTo("no-store");

        JsonNode claims = claims(tokens.path("access_token").asText());
        assertThat(claims.path("preferred_username").asText()).isEqualTo("alice");
        assertThat(claims.path("azp").asText()).isEqualTo("spa");
        assertThat(claims.path("sid").asText()).isEqualTo(tokens.path("session_state").asText());

        Curl.Response introspection = Curl.from("127.0.0.1").basicAuth("backend", "backend-secret")
                .form("token", tokens.path("access_token").asText()).post(realm.tokenEndpoint("127.0.0.1") + "/introspect");
        assertThat(introspection.status()).as(introspection.toString()).isEqualTo(200);
        assertThat(introspection.json().path("active").asBoolean()).as(introspection.toString()).isTrue();
        assertThat(introspection.json().path("username").asText()).isEqualTo("alice");

        Curl.Response withoutOpenid = exchange(login, "spa", APP_ORIGIN, "profile");
        assertThat(withoutOpenid.status()).as(withoutOpenid.toString()).isEqualTo(200);
        assertThat(withoutOpenid.json().has("id_token")).as(withoutOpenid.toString()).isFalse();
    }

    @Test
    void repeatedExchangesLeaveEarlierTokensUsable() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        Curl.Response earlier = exchange(login, "spa", APP_ORIGIN, "openid");
        assertThat(earlier.status()).as(earlier.toString()).isEqualTo(200);
        Curl.Response later = exchange(login, "spa", APP_ORIGIN, "openid");
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(earlier.json().path("session_state").asText()).isEqualTo(later.json().path("session_state").asText());

        // An SPA exchanges again while it still holds earlier tokens: they stay active and refresh at the token endpoint.
        Curl.Response refreshed = Curl.from("127.0.0.1").form("grant_type", "refresh_token").form("client_id", "spa")
                .form("refresh_token", earlier.json().path("refresh_token").asText()).post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        JsonNode refreshedClaims = claims(refreshed.json().path("access_token").asText());
        assertThat(refreshedClaims.path("sid").asText()).isEqualTo(later.json().path("session_state").asText());
        assertThat(refreshedClaims.path("azp").asText()).isEqualTo("spa");
        for (JsonNode tokens : List.of(earlier.json(), later.json())) {
            Curl.Response introspection = Curl.from("127.0.0.1").basicAuth("backend", "backend-secret")
                    .form("token", tokens.path("access_token").asText()).post(realm.tokenEndpoint("127.0.0.1") + "/introspect");
            assertThat(introspection.json().path("active").asBoolean()).as(introspection.toString()).isTrue();
        }
    }

    @Test
    void theTokensLevelOfAuthenticationIsTheLogins() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        Curl.Response codeExchange = Curl.from("127.0.0.1").form("grant_type", "authorization_code").form("code", login.code)
                .form("client_id", "spa").form("redirect_uri", SsoLogin.REDIRECT_URI).post(realm.tokenEndpoint("127.0.0.1"));
        assertThat(codeExchange.status()).as(codeExchange.toString()).isEqualTo(200);
        String loginAcr = claims(codeExchange.json().path("access_token").asText()).path("acr").asText();

        Curl.Response exchange = exchange(login, "spa", APP_ORIGIN, "openid");
        assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
        assertThat(loginAcr).isEqualTo("1");
        assertThat(claims(exchange.json().path("access_token").asText()).path("acr").asText()).isEqualTo(loginAcr);
    }

    @Test
    void aClientWithoutRefreshTokensGetsNone() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        Curl.Response exchange = exchange(login, "spa-without-refresh", APP_ORIGIN, null);
        assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
        assertThat(exchange.json().has("refresh_token")).isFalse();
    }

    @Test
    void anotherOriginIsRefusedAndNotReflected() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        for (String origin : List.of("http://evil.example", "http://app.example:8080", "null", "https://app.example")) {
            Curl.Response refused = exchange(login, "spa", origin, null);
            assertError(refused, 403, "access_denied");
            assertThat(refused.header("Access-Control-Allow-Origin")).as(origin).isNull();
        }
    }

    @Test
    void theCustomHeaderIsRequired() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        Curl.Response refused = Curl.from("127.0.0.1").cookieJar(login.jar).header("Origin", APP_ORIGIN)
                .form("client_id", "spa").post(exchangeUrl());
        assertError(refused, 400, "invalid_request");
        assertThat(refused.json().path("error_description").asText()).contains(HEADER);
        assertThat(refused.header("Access-Control-Allow-Origin")).as("an allowed origin reads the error").isEqualTo(APP_ORIGIN);
    }

    @Test
    void withoutACookieTheUserMustLogIn() {
        Curl.Response refused = Curl.from("127.0.0.1").header("Origin", APP_ORIGIN).header(HEADER, "1")
                .form("client_id", "spa").post(exchangeUrl());
        assertError(refused, 401, "login_required");
    }

    @Test
    void afterLogoutTheCookieNoLongerExchanges() {
        SsoLogin login = SsoLogin.as(realm, "spa", "bob", "bob-pass");
        assertThat(exchange(login, "spa", APP_ORIGIN, null).status()).isEqualTo(200);

        UserRepresentation bob = realm.admin().users().search("bob", true).get(0);
        realm.admin().users().get(bob.getId()).logout();

        assertError(exchange(login, "spa", APP_ORIGIN, null), 401, "login_required");
    }

    @Test
    void aClientThatDidNotOptInIsRefused() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        assertError(exchange(login, "spa-not-opted-in", APP_ORIGIN, null), 403, "unauthorized_client");
        assertError(exchange(login, "no-such-client", APP_ORIGIN, null), 401, "invalid_client");
    }

    @Test
    void aClientOptsInWithTheCookieExchangeClientScope() {
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName("cookie-exchange");
        scope.setProtocol("openid-connect");
        scope.setAttributes(Map.of("include.in.token.scope", "false"));
        String scopeId = CreatedResponseUtil.getCreatedId(realm.admin().clientScopes().create(scope));
        ClientRepresentation spa = new ClientRepresentation();
        spa.setClientId("spa-by-scope");
        spa.setPublicClient(true);
        spa.setRedirectUris(List.of(APP_ORIGIN + "/*"));
        spa.setWebOrigins(List.of(APP_ORIGIN));
        ClientResource client = realm.admin().clients().get(CreatedResponseUtil.getCreatedId(realm.admin().clients().create(spa)));
        try {
            SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
            assertError(exchange(login, "spa-by-scope", APP_ORIGIN, null), 403, "unauthorized_client");

            // Optional: the app requests it, as any optional scope; a preflight cannot know, so it is answered.
            client.addOptionalClientScope(scopeId);
            assertError(exchange(login, "spa-by-scope", APP_ORIGIN, null), 403, "unauthorized_client");
            Curl.Response requested = exchange(login, "spa-by-scope", APP_ORIGIN, "openid cookie-exchange");
            assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
            assertThat(Jwt.claims(requested.json().path("access_token").asText()).path("azp").asText()).isEqualTo("spa-by-scope");
            Curl.Response preflight = Curl.from("127.0.0.1").header("Origin", APP_ORIGIN)
                    .header("Access-Control-Request-Method", "POST").options(exchangeUrl() + "?client_id=spa-by-scope");
            assertThat(preflight.status()).as(preflight.toString()).isEqualTo(204);

            // Default: every exchange for the client.
            client.removeOptionalClientScope(scopeId);
            client.addDefaultClientScope(scopeId);
            Curl.Response asDefault = exchange(login, "spa-by-scope", APP_ORIGIN, null);
            assertThat(asDefault.status()).as(asDefault.toString()).isEqualTo(200);

            client.removeDefaultClientScope(scopeId);
            assertError(exchange(login, "spa-by-scope", APP_ORIGIN, null), 403, "unauthorized_client");
        } finally {
            client.remove();
            realm.admin().clientScopes().get(scopeId).remove();
        }
    }

    @Test
    void aConfidentialClientAuthenticatesAndMayCallWithoutOrigin() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        // Refused exactly as Keycloak's token endpoint refuses the same client without its secret.
        Curl.Response tokenEndpoint = Curl.from("127.0.0.1").form("grant_type", "client_credentials")
                .form("client_id", "backend").post(realm.tokenEndpoint("127.0.0.1"));
        Curl.Response unauthenticated = Curl.from("127.0.0.1").cookieJar(login.jar).header(HEADER, "1")
                .form("client_id", "backend").post(exchangeUrl());
        assertThat(unauthenticated.status()).as(unauthenticated.toString()).isEqualTo(401).isEqualTo(tokenEndpoint.status());
        assertThat(unauthenticated.json().path("error")).isEqualTo(tokenEndpoint.json().path("error"));
        assertThat(unauthenticated.body()).doesNotContain("access_token");

        Curl.Response wrongSecret = Curl.from("127.0.0.1").cookieJar(login.jar).header(HEADER, "1")
                .basicAuth("backend", "wrong").form("client_id", "backend").post(exchangeUrl());
        assertThat(wrongSecret.status()).as(wrongSecret.toString()).isEqualTo(401);
        assertThat(wrongSecret.body()).doesNotContain("access_token");

        Curl.Response authenticated = Curl.from("127.0.0.1").cookieJar(login.jar).header(HEADER, "1")
                .basicAuth("backend", "backend-secret").form("client_id", "backend").post(exchangeUrl());
        assertThat(authenticated.status()).as(authenticated.toString()).isEqualTo(200);
        assertThat(claims(authenticated.json().path("access_token").asText()).path("azp").asText()).isEqualTo("backend");
    }

    @Test
    void aPublicClientWithoutOriginIsRefused() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        Curl.Response refused = Curl.from("127.0.0.1").cookieJar(login.jar).header(HEADER, "1")
                .form("client_id", "spa").post(exchangeUrl());
        assertError(refused, 403, "access_denied");
    }

    @Test
    void consentIsRequiredWhereTheClientAsksForItAndEnoughOnceGiven() {
        SsoLogin login = SsoLogin.as(realm, "spa", "bob", "bob-pass");
        assertError(exchange(login, "spa-with-consent", APP_ORIGIN, null), 403, "consent_required");

        // bob grants consent on Keycloak's consent page (SSO: no password asked again)
        Curl.Response consentPage = Curl.from("127.0.0.1").cookieJar(login.jar).get(realm.url("127.0.0.1")
                + "/protocol/openid-connect/auth?response_type=code&client_id=spa-with-consent&redirect_uri="
                + URLEncoder.encode(SsoLogin.REDIRECT_URI, StandardCharsets.UTF_8));
        if (consentPage.status() == 302) { // to the OAUTH_GRANT step of the login actions
            consentPage = Curl.from("127.0.0.1").cookieJar(login.jar).get(consentPage.redirectUrl());
        }
        assertThat(consentPage.status()).as(consentPage.toString()).isEqualTo(200);
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]*consent[^\"]*)\"")
                .matcher(consentPage.body());
        Matcher code = Pattern.compile("name=\"code\"[^>]*value=\"([^\"]+)\"")
                .matcher(consentPage.body());
        assertThat(action.find() && code.find()).as("consent form in " + consentPage.body()).isTrue();
        Curl.Response granted = Curl.from("127.0.0.1").cookieJar(login.jar).form("code", code.group(1)).form("accept", "Yes")
                .post(URI.create(realm.url("127.0.0.1")).resolve(action.group(1).replace("&amp;", "&")).toString());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(302);

        Curl.Response exchange = exchange(login, "spa-with-consent", APP_ORIGIN, null);
        assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
    }

    @Test
    void scopesAreLimitedToTheClients() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        assertError(exchange(login, "spa", APP_ORIGIN, "openid admin-everything"), 400, "invalid_scope");
    }

    @Test
    void ipAllowlistApplies() {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        KeycloakLine line = KeycloakLine.current();
        if (!line.raisesTokenExchangePolicyEvent()) {
            ClientPolicies.setEnabled(realm.admin(), true);
            try {
                Curl.Response refused = exchange(login, "spa-pinned", APP_ORIGIN, null);
                assertError(refused, 400, "unauthorized_client");
                assertThat(refused.json().path("error_description").asText()).contains("enabled client policies");
                assertError(exchange(login, "spa", APP_ORIGIN, null), 400, "unauthorized_client");
            } finally {
                ClientPolicies.setEnabled(realm.admin(), false);
            }
            return;
        }
        Curl.Response outside = exchange(login, "spa-pinned", APP_ORIGIN, null);
        if (!line.atLeast("26.5")) {
            // README "Compatibility": before 26.5 Keycloak's client-roles condition, which selects the policy here,
            // abstains on TOKEN_EXCHANGE_REQUEST, so the policy does not apply to the exchange (Keycloak's behaviour).
            assertThat(outside.status()).as(outside.toString()).isEqualTo(200);
            return;
        }
        assertThat(outside.status()).as(outside.toString()).isEqualTo(403);
        assertThat(outside.json().path("error").asText()).isEqualTo("access_denied");
        Curl.Response allowed = Curl.from("127.0.0.12").cookieJar(login.jar).header("Origin", APP_ORIGIN).header(HEADER, "1")
                .form("client_id", "spa-pinned").post(exchangeUrl()); // from 127.0.0.12 to the cookie's host
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
    }

    @Test
    void thePreflightAnswersOnlyAnAllowedOrigin() {
        Curl.Response allowed = Curl.from("127.0.0.1").header("Origin", APP_ORIGIN)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", HEADER.toLowerCase())
                .options(exchangeUrl() + "?client_id=spa");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP_ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(allowed.header("Access-Control-Allow-Headers")).contains(HEADER);

        for (String url : List.of(exchangeUrl() + "?client_id=spa", exchangeUrl() + "?client_id=spa-not-opted-in", exchangeUrl())) {
            String origin = url.endsWith("=spa") ? "http://evil.example" : APP_ORIGIN;
            Curl.Response refused = Curl.from("127.0.0.1").header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST").options(url);
            assertThat(refused.status()).as(url + " from " + origin).isEqualTo(403);
            assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void successAndFailureAreEvents() throws InterruptedException {
        SsoLogin login = SsoLogin.as(realm, "spa", "alice", "alice-pass");
        assertThat(exchange(login, "spa", APP_ORIGIN, null).status()).isEqualTo(200);
        assertThat(exchange(login, "spa", "http://evil.example", null).status()).isEqualTo(403);
        List<EventRepresentation> successes = List.of();
        List<EventRepresentation> errors = List.of();
        for (int i = 0; i < 50 && (successes.isEmpty() || errors.isEmpty()); i++) {
            successes = realm.admin().getEvents(List.of("TOKEN_EXCHANGE"), "spa", null, null, null, null, 0, 100);
            errors = realm.admin().getEvents(List.of("TOKEN_EXCHANGE_ERROR"), "spa", null, null, null, null, 0, 100);
            Thread.sleep(100);
        }
        assertThat(successes).anySatisfy(e -> assertThat(e.getDetails()).containsEntry("auth_method", "cookie-exchange"));
        assertThat(errors).anySatisfy(e -> assertThat(e.getDetails()).containsEntry("origin", "http://evil.example")
                .containsEntry("authbridge_check", "origin")
                .containsEntry("reason", "This origin may not exchange cookies for this client"));
    }

    static Curl.Response exchange(SsoLogin login, String clientId, String origin, String scope) {
        Curl curl = Curl.from("127.0.0.1").cookieJar(login.jar).header("Origin", origin).header(HEADER, "1")
                .form("client_id", clientId);
        if (scope != null) {
            curl.form("scope", scope);
        }
        return curl.post(exchangeUrl());
    }

    static String exchangeUrl() {
        return realm.url("127.0.0.1") + "/cookie-exchange/token";
    }

    static void assertError(Curl.Response response, int status, String error) {
        response.assertError(status, error);
    }

    static JsonNode claims(String jwt) {
        return Jwt.claims(jwt);
    }
}
