package io.authbridge.digest.browser;

import io.authbridge.digest.DigestLoginStep;
import io.authbridge.digest.DigestLoginStepFactory;
import io.authbridge.digest.DigestProviderIds;

public class HttpDigestBrowserAuthenticatorFactory extends DigestLoginStepFactory {

    public static final String PROVIDER_ID = DigestProviderIds.BROWSER_AUTHENTICATOR;

    @Override
    protected DigestLoginStep step() {
        return HttpDigestBrowserAuthenticator.INSTANCE;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "HTTP Digest";
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: logs the user in with HTTP Digest (RFC 7616) against the digest-ha1 credential, in a browser flow. "
                + "As ALTERNATIVE before the login form, the form still works when the user cancels the browser's prompt. "
                + "For the token endpoint use \"HTTP Digest (direct grant)\".";
    }
}
