package io.authbridge.digest.directgrant;

import io.authbridge.digest.DigestLoginStep;
import io.authbridge.digest.DigestLoginStepFactory;
import io.authbridge.digest.DigestProviderIds;

public class HttpDigestDirectGrantAuthenticatorFactory extends DigestLoginStepFactory {

    public static final String PROVIDER_ID = DigestProviderIds.DIRECT_GRANT_AUTHENTICATOR;

    @Override
    protected DigestLoginStep step() {
        return HttpDigestDirectGrantAuthenticator.INSTANCE;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "HTTP Digest (direct grant)";
    }

    @Override
    public String getHelpText() {
        return "AuthBridge: logs the user in with HTTP Digest (RFC 7616) against the digest-ha1 credential, at the token "
                + "endpoint and the Digest login endpoint. As ALTERNATIVE before the username and password steps, requests "
                + "with a password go on to them; as REQUIRED only Digest logs in.";
    }
}
