package io.authbridge.digest.browser;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestLoginStep;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestUserVerifier;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.directgrant.HttpDigestDirectGrantAuthenticator;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * HTTP Digest user login in a browser flow. Its answers are pages: where the flow has other login steps, a 401 that
 * continues to them when the user cancels the browser's Digest prompt (as Keycloak's Kerberos step does); where
 * Digest is the only way in, Keycloak's own error page, so the realm's login theme applies.
 */
public class HttpDigestBrowserAuthenticator extends DigestLoginStep {

    static final HttpDigestBrowserAuthenticator INSTANCE = new HttpDigestBrowserAuthenticator();
    private static final String AUTHENTICATION_INFO = "Authentication-Info";
    /** The flow path Keycloak's password grant gives its flow ({@code ResourceOwnerPasswordCredentialsGrantType}). */
    private static final String DIRECT_GRANT_FLOW_PATH = "token";
    private static final Logger LOG = Logger.getLogger(HttpDigestBrowserAuthenticator.class);
    /** Executions already warned about, so the log says it once per execution, not per login. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /**
     * Realms set up before the browser and direct-grant steps were separated have this step in direct-grant flows:
     * there it keeps working, as the direct-grant step, and the log says how to move on.
     */
    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (DIRECT_GRANT_FLOW_PATH.equals(context.getFlowPath())) {
            if (WARNED.size() < 1000 && WARNED.add(context.getExecution().getId())) {
                LOG.warnf("Realm %s runs the browser step %s in a direct-grant flow; it works as %s there. Replace it with %s "
                                + "(\"HTTP Digest (direct grant)\") in the admin console.", context.getRealm().getName(),
                        DigestProviderIds.BROWSER_AUTHENTICATOR, DigestProviderIds.DIRECT_GRANT_AUTHENTICATOR,
                        DigestProviderIds.DIRECT_GRANT_AUTHENTICATOR);
            }
            HttpDigestDirectGrantAuthenticator.INSTANCE.authenticate(context);
            return;
        }
        super.authenticate(context);
    }

    /** A GET has no body, so auth-int can be verified over the empty one; a form POST's body is Keycloak's. */
    @Override
    protected Optional<byte[]> requestBody(AuthenticationFlowContext context) {
        String method = context.getHttpRequest().getHttpMethod();
        return "GET".equals(method) || "HEAD".equals(method) ? Optional.of(new byte[0]) : Optional.empty();
    }

    @Override
    protected boolean hasOtherCredentials(AuthenticationFlowContext context, String authorizationHeader) {
        return authorizationHeader != null;
    }

    @Override
    protected Response challenge(AuthenticationFlowContext context, List<String> challenges, boolean othersMayRun,
                                 String error, String description) {
        if ("POST".equals(context.getHttpRequest().getHttpMethod())
                && context.getHttpRequest().getHttpHeaders().getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            // This step runs right after another step's form POST (e.g. the username form before a conditional
            // sub-flow). The browser answers a 401 by repeating the request, and repeating that POST would submit the
            // other step's form again: send it to this step's own URL first, where the challenge comes with a GET.
            return Response.status(Response.Status.FOUND).location(context.getRefreshExecutionUrl()).build();
        }
        Response.ResponseBuilder response;
        if (othersMayRun) {
            URI action = context.getActionUrl(context.generateAccessCode());
            response = Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_HTML_TYPE)
                    .entity(continueWithOtherMethodsPage(action));
        } else {
            response = Response.fromResponse(context.form().setError(description).createErrorPage(Response.Status.UNAUTHORIZED));
        }
        challenges.forEach(value -> response.header(HttpHeaders.WWW_AUTHENTICATE, value));
        return response.build();
    }

    @Override
    protected Response refusal(AuthenticationFlowContext context, Response.Status status, String error, String description) {
        return context.form().setError(description).createErrorPage(status);
    }

    @Override
    protected void verified(AuthenticationFlowContext context, DigestExchange exchange, DigestAuthorization authorization,
                            DigestUserVerifier.Result.Verified verified) {
        exchange.authenticationInfo(authorization, verified.ha1(), new byte[0]).ifPresent(info ->
                context.getSession().getContext().getHttpResponse().setHeader(AUTHENTICATION_INFO, info));
    }

    /** Like Keycloak's Kerberos step's page: posts back at once, so the flow goes on to the next step. */
    private static String continueWithOtherMethodsPage(URI action) {
        return "<html><head><title>HTTP Digest</title></head><body onload=\"document.forms[0].submit()\">"
                + "<form method=\"POST\" action=\"" + htmlAttribute(action.toString()) + "\"><noscript><p>HTTP Digest login was not completed. "
                + "Continue to log in another way.</p><input name=\"continue\" type=\"submit\" value=\"Continue\"/></noscript>"
                + "</form></body></html>";
    }

    private static String htmlAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
