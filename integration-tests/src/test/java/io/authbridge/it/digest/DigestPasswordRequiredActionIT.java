package io.authbridge.it.digest;

import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.authbridge.it.harness.AdminConsole;
import io.authbridge.it.harness.SystemChromium;
import io.authbridge.it.harness.TestRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The required action <em>Set HTTP Digest password</em> ({@code http-digest-password}) in Chromium: the admin asks
 * for it, the user sets the password at the next browser login (refused while the two fields differ or the realm's
 * password policy says no), and curl logs in with it over HTTP Digest. Realm: {@code realms/digest.json}.
 */
class DigestPasswordRequiredActionIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/digest.json");

    private static final String ACTION = "http-digest-password";
    private static final double TIMEOUT_MS = 30_000;
    private static SystemChromium chromium;

    @BeforeAll
    static void enableTheActionAndAPasswordPolicy() {
        assertThat(realm.admin().flows().getUnregisteredRequiredActions())
                .anySatisfy(action -> assertThat(action.getProviderId()).isEqualTo(ACTION));
        RequiredActionProviderSimpleRepresentation action = new RequiredActionProviderSimpleRepresentation();
        action.setProviderId(ACTION);
        action.setName("Set HTTP Digest password");
        realm.admin().flows().registerRequiredAction(action);
        assertThat(realm.admin().flows().getRequiredAction(ACTION).isEnabled()).isTrue();

        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setPasswordPolicy("length(10)");
        realm.admin().update(settings);
        RealmEventsConfigRepresentation events = realm.admin().getRealmEventsConfig();
        events.setEnabledEventTypes(List.of("UPDATE_CREDENTIAL", "UPDATE_CREDENTIAL_ERROR", "LOGIN"));
        realm.admin().updateRealmEventsConfig(events);
        chromium = SystemChromium.launch();
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theUserSetsADigestPasswordAtTheNextLoginAndCurlUsesIt() {
        String userId = createUser("kim", "kim-login-password", List.of(ACTION));
        assertThat(DigestDirectGrantIT.curlDigest(realm, "kim", "kim-digest-secret").status()).as("no HA1 yet").isEqualTo(401);

        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.setDefaultTimeout(TIMEOUT_MS);
            page.navigate(realm.url("127.0.0.1") + "/account");
            page.fill("#username", "kim");
            page.fill("#password", "kim-login-password");
            page.click("#kc-login");

            page.locator("#authbridge-digest-password-form").waitFor();
            assertThat(page.title()).isNotBlank();
            assertThat(page.textContent("body")).contains("Set your HTTP Digest password");
            page.fill("#digest-password", "kim-digest-secret");
            page.fill("#digest-password-confirm", "something-else");
            page.click("#kc-submit");
            assertThat(page.textContent("#input-error-digest-password-confirm")).isEqualTo("Passwords don't match.");

            page.fill("#digest-password", "short");
            page.fill("#digest-password-confirm", "short");
            page.click("#kc-submit");
            assertThat(page.textContent("#input-error-digest-password")).isEqualTo("Invalid password: minimum length 10.");

            page.fill("#digest-password", "kim-digest-secret");
            page.fill("#digest-password-confirm", "kim-digest-secret");
            AdminConsole.screenshot(page, "login-digest-password");
            page.click("#kc-submit");
            page.waitForURL(url -> url.contains("/realms/" + realm.name() + "/account"));
            page.locator("#authbridge-digest-password-form").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
        }

        assertThat(DigestDirectGrantIT.curlDigest(realm, "kim", "kim-digest-secret").status()).isEqualTo(200);
        assertThat(DigestDirectGrantIT.curlDigest(realm, "kim", "kim-login-password").status()).isEqualTo(401);
        UserRepresentation kim = realm.admin().users().get(userId).toRepresentation();
        assertThat(kim.getRequiredActions()).doesNotContain(ACTION);
        assertThat(realm.admin().users().get(userId).credentials()).extracting(CredentialRepresentation::getType)
                .containsExactlyInAnyOrder("password", "digest-ha1");
        assertThat(realm.admin().users().get(userId).credentials()).filteredOn(c -> c.getType().equals("digest-ha1"))
                .extracting(CredentialRepresentation::getUserLabel).containsExactly("HTTP Digest, realm AminoTV");
        List<EventRepresentation> updates = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL"), null, userId, null, null, null, 0, 10);
        assertThat(updates).anySatisfy(event -> assertThat(event.getDetails())
                .containsEntry("credential_type", "digest-ha1").containsEntry("digest_realm", "AminoTV"));
        List<EventRepresentation> refusals = realm.admin().getEvents(List.of("UPDATE_CREDENTIAL_ERROR"), null, userId, null, null, null, 0, 10);
        assertThat(refusals).extracting(EventRepresentation::getError)
                .containsExactlyInAnyOrder("password_rejected", "password_confirm_error");
    }

    private static String createUser(String username, String password, List<String> requiredActions) {
        UserRepresentation user = TestRealm.completeUser(username);
        user.setRequiredActions(requiredActions);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        Response created = realm.admin().users().create(user);
        return CreatedResponseUtil.getCreatedId(created);
    }
}
