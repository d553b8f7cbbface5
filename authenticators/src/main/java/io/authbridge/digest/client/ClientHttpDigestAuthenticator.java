package io.authbridge.digest.client;

import java.util.Map;
import java.util.Optional;

import io.authbridge.common.ClientSecrets;
import io.authbridge.common.FailedCheck;
import io.authbridge.common.InvalidSettingsException;
import io.authbridge.common.MisconfiguredStep;
import io.authbridge.common.OAuthErrors;
import io.authbridge.digest.DigestExchange;
import io.authbridge.digest.DigestProviderIds;
import io.authbridge.digest.DigestSettings;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.core.DigestAuthorizationParser;
import io.authbridge.digest.core.DigestParseException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.ClientAuthenticationFlowContext;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * A confidential client proves itself at the token endpoint (and at every endpoint where Keycloak authenticates
 * clients: refresh, introspection, revocation, …) with HTTP Digest (RFC 7616): username = client_id, password = the
 * client secret. HA1 is derived from the secret for each request; during the grace period of Keycloak's
 * client-secret rotation the previous secret is accepted too.
 * <p>
 * Keycloak's {@code ClientAuthenticationFlow} runs every execution of the realm's client flow and takes the result
 * of the one whose id is the identified client's {@code clientAuthenticatorType}. So this authenticator answers only
 * for clients of type {@value io.authbridge.digest.DigestProviderIds#CLIENT_AUTHENTICATOR}, by setting the client on the
 * context; for any other request it reports {@code attempted()} and leaves the decision to the others.
 * <ul>
 * <li>No {@code Authorization} header or another scheme, for a Digest client named by {@code client_id} (or already
 * identified by an earlier authenticator): 401 with the Digest challenge. No header and nothing that names a client
 * (no client_id, no client assertion): Keycloak's own 401 invalid_client, with the Digest challenge added.</li>
 * <li>Unknown client, a client that does not use Digest, a disabled client, a wrong secret, a wrong realm/uri/nonce,
 * a replayed (nonce, nc): 401 {@code invalid_client} with Keycloak's own description and a fresh challenge — the same
 * answer in every case. When no Digest client is identified Keycloak writes the 401 itself and the challenge
 * headers are added to it.</li>
 * <li>Expired but genuine nonce: the same 401 with {@code stale=true}, so clients retry without new credentials.</li>
 * <li>Malformed header for an identified Digest client: 400 {@code invalid_request}.</li>
 * </ul>
 * {@code auth-int} is never offered: Keycloak reads the form body itself.
 */
public class ClientHttpDigestAuthenticator implements ClientAuthenticator {

    /** Set on the session once this request's response carries the challenge. */
    private static final String CHALLENGE_SENT_ATTRIBUTE = ClientHttpDigestAuthenticator.class.getName() + ".challenge-sent";

    @Override
    public void authenticateClient(ClientAuthenticationFlowContext context) {
        String header = context.getHttpRequest().getHttpHeaders().getRequestHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        DigestSettings settings;
        try {
            settings = DigestSettings.of(context.getRealm(), config(context));
        } catch (InvalidSettingsException e) {
            misconfigured(context, header, e);
            return;
        }
        DigestExchange exchange = DigestExchange.of(context.getSession(), context.getRealm(), settings, false);

        DigestExchange.Checked checked = exchange.check(header, DigestExchange.requestTarget(context.getHttpRequest().getUri().getRequestUri()));
        if (checked instanceof DigestExchange.Checked.NotDigest) {
            notDigest(context, exchange, header);
        } else if (checked instanceof DigestExchange.Checked.Malformed malformed) {
            FailedCheck.REQUEST.on(context.getEvent()).detail(Details.REASON, "malformed Digest authorization: " + malformed.reason());
            ClientModel client = claimedDigestClient(context, null);
            if (client == null) {
                challengeKeycloaksAnswer(context, exchange, false);
            } else {
                context.setClient(client);
                context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, OAuthErrors.response(Response.Status.BAD_REQUEST,
                        OAuthErrorException.INVALID_REQUEST, "Malformed Digest authorization: " + malformed.reason()));
            }
        } else if (checked instanceof DigestExchange.Checked.Stale) {
            FailedCheck.NONCE.on(context.getEvent()).detail(Details.REASON, "Digest nonce expired");
            reject(context, exchange, claimedDigestClient(context, usernameOf(header)), true);
        } else if (checked instanceof DigestExchange.Checked.Rejected rejected) {
            rejected.check().on(context.getEvent()).detail(Details.REASON, "Digest authorization rejected: " + rejected.reason());
            reject(context, exchange, claimedDigestClient(context, usernameOf(header)), false);
        } else if (checked instanceof DigestExchange.Checked.Valid valid) {
            verify(context, exchange, valid.authorization());
        }
    }

    /** No Digest credentials: challenge a client that must use Digest, leave every other request to the others. */
    private void notDigest(ClientAuthenticationFlowContext context, DigestExchange exchange, String header) {
        ClientModel client = claimedDigestClient(context, null);
        if (client == null) {
            if (header == null && context.getClient() == null && !namesAClient(context)) {
                // Nothing names a client, so Keycloak will answer 401 invalid_client whatever runs. Digest clients
                // that send the form at once and without client_id (Apache HttpClient) learn from this how to log in.
                challengeKeycloaksAnswer(context, exchange, false);
            } else {
                context.attempted();
            }
            return;
        }
        FailedCheck.REQUEST.on(context.getEvent().client(client))
                .detail(Details.REASON, header == null ? "no Digest authorization" : "not a Digest authorization");
        context.setClient(client);
        context.challenge(unauthorized(exchange, false,
                header == null ? "Digest authentication required" : "This client authenticates with HTTP Digest"));
    }

    private void verify(ClientAuthenticationFlowContext context, DigestExchange exchange, DigestAuthorization authorization) {
        KeycloakSession session = context.getSession();
        String clientId = authorization.username();
        context.getEvent().client(clientId);

        ClientModel identified = context.getClient();
        if (identified != null && !identified.getClientId().equals(clientId)) {
            // The client_id parameter names another client than the Digest username.
            if (isDigestClient(identified)) {
                FailedCheck.CLIENT.on(context.getEvent()).detail(Details.REASON, "client_id parameter does not match the Digest username");
                context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, OAuthErrors.response(Response.Status.BAD_REQUEST,
                        OAuthErrorException.INVALID_REQUEST, "client_id does not match the Digest username"));
            } else {
                context.attempted();
            }
            return;
        }

        ClientModel client = session.clients().getClientByClientId(context.getRealm(), clientId);
        boolean digestClient = isDigestClient(client) && client.isEnabled();
        ClientSecrets secrets = digestClient ? ClientSecrets.of(session, client) : ClientSecrets.NONE;
        // Always computed, also for unknown and disabled clients, so that every failure takes the same time.
        Optional<ClientSecretVerifier.Match> match = ClientSecretVerifier.verify(authorization,
                exchange.settings().digestRealm(), context.getHttpRequest().getHttpMethod(), secrets.current(), secrets.rotated());

        if (!isDigestClient(client)) {
            FailedCheck.CLIENT.on(context.getEvent()).detail(Details.REASON, client == null ? "client not found"
                    : "client does not authenticate with " + DigestProviderIds.CLIENT_AUTHENTICATOR);
            challengeKeycloaksAnswer(context, exchange, false);
            return;
        }
        context.setClient(client);
        if (!client.isEnabled()) {
            // Keycloak answers a disabled client like an unknown one: 401 invalid_client.
            FailedCheck.CLIENT.on(context.getEvent()).detail(Details.REASON, "client disabled");
            addChallengeHeaders(context, exchange, false);
            context.failure(AuthenticationFlowError.CLIENT_DISABLED, null);
            return;
        }
        if (match.isEmpty()) {
            FailedCheck.CLIENT_SECRET.on(context.getEvent()).detail(Details.REASON, "Digest response does not match the client secret");
            reject(context, exchange, client, false);
            return;
        }
        // Only a verified response uses up its (nonce, nc): a forged one must not block the genuine client.
        if (!exchange.markUsed(authorization)) {
            FailedCheck.REPLAY.on(context.getEvent()).detail(Details.REASON, "Digest authorization already used (replayed nonce and nc)");
            context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS,
                    unauthorized(exchange, false, "Digest authorization already used"));
            return;
        }
        ClientSecrets.recordSlot(context.getEvent(), match.get().slot());
        exchange.authenticationInfo(authorization, match.get().ha1(), new byte[0]).ifPresent(info ->
                session.getContext().getHttpResponse().setHeader("Authentication-Info", info));
        context.success();
    }

    /**
     * 401 invalid_client with a fresh challenge: through the flow when the client is a Digest client (Keycloak then
     * returns this authenticator's answer), else added to the 401 Keycloak writes when no authenticator succeeds.
     */
    private void reject(ClientAuthenticationFlowContext context, DigestExchange exchange, ClientModel digestClient, boolean stale) {
        if (digestClient == null) {
            challengeKeycloaksAnswer(context, exchange, stale);
            return;
        }
        context.setClient(digestClient);
        Response response = unauthorized(exchange, stale, OAuthErrors.INVALID_CLIENT_DESCRIPTION);
        if (stale) {
            context.challenge(response);
        } else {
            context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, response);
        }
    }

    /**
     * No Digest client to answer for: Keycloak will answer 401 invalid_client ("Invalid client or Invalid client
     * credentials") unless another authenticator succeeds. Its response gets the Digest challenge, as RFC 6749 §5.2
     * asks for a client that tried the Authorization header.
     */
    private static void challengeKeycloaksAnswer(ClientAuthenticationFlowContext context, DigestExchange exchange, boolean stale) {
        addChallengeHeaders(context, exchange, stale);
        context.attempted();
    }

    /**
     * Written to the HTTP response directly, so they go out with whatever response Keycloak builds; once per request,
     * however often Keycloak runs this authenticator for it (26.0 and 26.2 list every ALTERNATIVE client authenticator
     * twice, so a request no authenticator accepts reaches it twice).
     */
    private static void addChallengeHeaders(ClientAuthenticationFlowContext context, DigestExchange exchange, boolean stale) {
        if (context.getSession().getAttribute(CHALLENGE_SENT_ATTRIBUTE) != null) {
            return;
        }
        context.getSession().setAttribute(CHALLENGE_SENT_ATTRIBUTE, Boolean.TRUE);
        for (String value : exchange.challenge(stale)) {
            context.getSession().getContext().getHttpResponse().addHeader(HttpHeaders.WWW_AUTHENTICATE, value);
        }
    }

    private static Response unauthorized(DigestExchange exchange, boolean stale, String description) {
        return OAuthErrors.response(401, OAuthErrorException.INVALID_CLIENT, description,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, exchange.challenge(stale)));
    }

    /**
     * The Digest client this request is about: the client an earlier authenticator identified, else the one the
     * Digest username or the {@code client_id} form parameter names; null unless it uses this authenticator.
     */
    private static ClientModel claimedDigestClient(ClientAuthenticationFlowContext context, String digestUsername) {
        ClientModel client = context.getClient();
        if (client == null) {
            String clientId = digestUsername != null ? digestUsername : formClientId(context);
            client = clientId == null ? null : context.getSession().clients().getClientByClientId(context.getRealm(), clientId);
        }
        return isDigestClient(client) ? client : null;
    }

    static boolean isDigestClient(ClientModel client) {
        // Keycloak authenticates public clients by client_id alone, whatever their authenticator type.
        return client != null && !client.isPublicClient()
                && DigestProviderIds.CLIENT_AUTHENTICATOR.equals(client.getClientAuthenticatorType());
    }

    private static String usernameOf(String header) {
        try {
            DigestAuthorization authorization = DigestAuthorizationParser.parse(header);
            return authorization.userhash() ? null : authorization.username();
        } catch (DigestParseException e) {
            return null;
        }
    }

    private static String formClientId(ClientAuthenticationFlowContext context) {
        return form(context).getFirst(OAuth2Constants.CLIENT_ID);
    }

    /** Whether another authenticator could identify a client: a client_id, a client assertion, or a session hint. */
    private static boolean namesAClient(ClientAuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = form(context);
        return form.containsKey(OAuth2Constants.CLIENT_ID) || form.containsKey(OAuth2Constants.CLIENT_ASSERTION)
                || context.getSession().getAttribute(OAuth2Constants.CLIENT_ID) != null;
    }

    private static MultivaluedMap<String, String> form(ClientAuthenticationFlowContext context) {
        MediaType mediaType = context.getHttpRequest().getHttpHeaders().getMediaType();
        MultivaluedMap<String, String> form = mediaType != null && mediaType.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                ? context.getHttpRequest().getDecodedFormParameters() : null;
        return form == null ? new MultivaluedHashMap<>() : form;
    }

    private static Map<String, String> config(ClientAuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    /**
     * Settings stored past the admin console's check (a realm import): Digest clients get a clear 503, every other
     * client is left to the other authenticators — one broken step must not lock out the whole realm.
     */
    private static void misconfigured(ClientAuthenticationFlowContext context, String header, InvalidSettingsException e) {
        ClientModel client = claimedDigestClient(context, header == null ? null : usernameOf(header));
        if (client == null) {
            context.attempted();
            return;
        }
        MisconfiguredStep.log(context.getRealm(), DigestProviderIds.CLIENT_AUTHENTICATOR, context.getExecution().getId(), e);
        context.setClient(client); // Keycloak takes a failure only from the authenticator of the client it names
        FailedCheck.SETTINGS.on(context.getEvent().client(client)).detail(Details.REASON, MisconfiguredStep.reason(DigestProviderIds.CLIENT_AUTHENTICATOR));
        context.failure(AuthenticationFlowError.INTERNAL_ERROR, MisconfiguredStep.response(DigestSettings.CLIENT_AUTHENTICATION_UNAVAILABLE));
    }

    @Override
    public void close() {
    }
}
