package io.authbridge.it.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authbridge.it.harness.Curl;
import io.authbridge.it.harness.TestRealm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user logging in through Keycloak's browser flow with curl and a cookie jar, the way a browser does: the
 * authorization request, the login form posted back, the redirect with the code. Afterwards the jar holds Keycloak's
 * SSO cookies.
 */
public final class SsoLogin {

    static final String REDIRECT_URI = "http://app.example/callback";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    public final Path jar;
    public final String code;

    private SsoLogin(Path jar, String code) {
        this.jar = jar;
        this.code = code;
    }

    public static SsoLogin as(TestRealm realm, String clientId, String username, String password) {
        return at(realm.url("127.0.0.1"), clientId, username, password);
    }

    /** The login at the realm URL {@code realmUrl} (e.g. one node of a cluster). */
    public static SsoLogin at(String realmUrl, String clientId, String username, String password) {
        try {
            Path jar = Files.createTempFile("cookies", ".txt");
            Curl.Response form = Curl.from("127.0.0.1").cookieJar(jar).get(realmUrl
                    + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id=" + clientId
                    + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8));
            assertThat(form.status()).as(form.toString()).isEqualTo(200);
            Matcher action = FORM_ACTION.matcher(form.body());
            assertThat(action.find()).as("login form in " + form.body()).isTrue();
            Curl.Response login = Curl.from("127.0.0.1").cookieJar(jar).form("username", username).form("password", password)
                    .post(action.group(1).replace("&amp;", "&"));
            assertThat(login.status()).as(login.toString()).isEqualTo(302);
            String location = login.header("Location");
            assertThat(location).as(login.toString()).startsWith(REDIRECT_URI);
            String query = URI.create(location).getRawQuery();
            String code = null;
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("code=")) {
                    code = URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
                }
            }
            assertThat(code).as(location).isNotNull();
            return new SsoLogin(jar, code);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean hasIdentityCookie() {
        try {
            return Files.readString(jar).contains("KEYCLOAK_IDENTITY");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
