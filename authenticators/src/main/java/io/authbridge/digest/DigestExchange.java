package io.authbridge.digest;

import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.authbridge.common.FailedCheck;
import io.authbridge.digest.core.AuthenticationInfo;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.core.DigestAuthorizationParser;
import io.authbridge.digest.core.DigestCalculator;
import io.authbridge.digest.core.DigestChallenge;
import io.authbridge.digest.core.DigestNonceCodec;
import io.authbridge.digest.core.DigestParseException;
import io.authbridge.digest.core.DigestQop;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The server side of one HTTP Digest exchange in a Keycloak realm: the challenge, then the checks of the client's
 * {@code Authorization} header that do not depend on who the client claims to be (syntax, realm string, nonce,
 * algorithm, uri), the response check against a stored HA1, and the single use of each (nonce, nc) pair.
 * <p>
 * Nonces are stateless and signed with the realm's active HMAC key, so every cluster node validates them; used
 * (nonce, nc) pairs go to {@code singleUseObjects()}, which Infinispan makes atomic across the cluster.
 */
public final class DigestExchange {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DigestSettings settings;
    private final Set<DigestQop> qops;
    private final DigestNonceCodec nonces;
    private final String binding;

    private DigestExchange(KeycloakSession session, RealmModel realm, DigestSettings settings, Set<DigestQop> qops) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
        this.qops = qops;
        this.nonces = new DigestNonceCodec(realmHmacKey(session, realm), settings.nonceLifetime(), Clock.systemUTC());
        // A nonce is valid for one Keycloak realm and one digest realm string only.
        this.binding = realm.getId() + "|" + settings.digestRealm();
    }

    /**
     * @param requestBodyReadable whether the caller can hash the raw request body; auth-int is offered only then
     */
    public static DigestExchange of(KeycloakSession session, DigestSettings settings, boolean requestBodyReadable) {
        return of(session, session.getContext().getRealm(), settings, requestBodyReadable);
    }

    public static DigestExchange of(KeycloakSession session, RealmModel realm, DigestSettings settings, boolean requestBodyReadable) {
        Set<DigestQop> qops = EnumSet.copyOf(settings.qops());
        if (!requestBodyReadable) {
            qops.remove(DigestQop.AUTH_INT);
        }
        if (qops.isEmpty()) {
            qops.add(DigestQop.AUTH);
        }
        return new DigestExchange(session, realm, settings, qops);
    }

    /** One {@code WWW-Authenticate} value per enabled algorithm, strongest first. */
    public List<String> challenge(boolean stale) {
        return new DigestChallenge(settings.digestRealm(), settings.algorithms(), qops)
                .headerValues(nonces.issue(binding), nonces.opaque(binding), stale);
    }

    public DigestSettings settings() {
        return settings;
    }

    /** Parses and checks everything about the header that does not need the account's HA1. */
    public Checked check(String authorizationHeader, String requestTarget) {
        if (authorizationHeader == null || !DigestAuthorizationParser.isDigest(authorizationHeader)) {
            return new Checked.NotDigest();
        }
        DigestAuthorization authorization;
        try {
            authorization = DigestAuthorizationParser.parse(authorizationHeader);
        } catch (DigestParseException e) {
            return new Checked.Malformed(e.getMessage());
        }
        if (!settings.digestRealm().equals(authorization.realm())) {
            return new Checked.Rejected("realm does not match", FailedCheck.REQUEST);
        }
        if (authorization.userhash()) {
            return new Checked.Rejected("userhash is not supported", FailedCheck.REQUEST);
        }
        if (!settings.algorithms().contains(authorization.algorithm())) {
            return new Checked.Rejected("algorithm " + authorization.algorithm().token() + " is not enabled", FailedCheck.REQUEST);
        }
        if (authorization.hasQop() ? !qops.contains(authorization.qop()) : !settings.allowsLegacyNoQop()) {
            return new Checked.Rejected("qop not allowed", FailedCheck.REQUEST);
        }
        if (!sameTarget(authorization.uri(), requestTarget)) {
            return new Checked.Rejected("uri does not match the request", FailedCheck.REQUEST);
        }
        if (authorization.opaque() != null && !authorization.opaque().equals(nonces.opaque(binding))) {
            return new Checked.Rejected("opaque does not match", FailedCheck.NONCE);
        }
        return switch (nonces.validate(authorization.nonce(), binding)) {
            case VALID -> new Checked.Valid(authorization);
            case STALE -> new Checked.Stale();
            case INVALID -> new Checked.Rejected("invalid nonce", FailedCheck.NONCE);
        };
    }

    /** Constant-time check of the client's response against the account's stored HA1 for the base algorithm. */
    public boolean verifyResponse(DigestAuthorization authorization, String storedHa1, String method, byte[] requestBody) {
        try {
            return DigestCalculator.verify(authorization, storedHa1, method, requestBody == null ? new byte[0] : requestBody);
        } catch (IllegalArgumentException e) {
            return false; // a stored HA1 of the wrong form never verifies
        }
    }

    /** Marks the (nonce, nc) pair used; false when it was used before, i.e. the header is replayed. */
    public boolean markUsed(DigestAuthorization authorization) {
        String nc = authorization.hasQop() ? Long.toHexString(authorization.nonceCount()) : "-";
        long lifespan = settings.nonceLifetime().toSeconds() + DigestNonceCodec.MAX_CLOCK_SKEW.toSeconds() + 1;
        return session.singleUseObjects().putIfAbsent("authbridge.digest." + authorization.nonce() + "." + nc, lifespan);
    }

    /** The {@code Authentication-Info} value for a verified exchange, with a fresh {@code nextnonce}. */
    public Optional<String> authenticationInfo(DigestAuthorization authorization, String storedHa1, byte[] responseBody) {
        return AuthenticationInfo.of(authorization, storedHa1, responseBody == null ? new byte[0] : responseBody,
                nonces.issue(binding)).headerValue();
    }

    /** The request target in origin-form — raw path and query — as a Digest client puts it into {@code uri}. */
    public static String requestTarget(URI requestUri) {
        return requestUri.getRawPath() + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery());
    }

    /** RFC 7616 §3.4.6: the uri parameter names the request target (origin-form, or absolute-form of the same path). */
    static boolean sameTarget(String digestUri, String requestTarget) {
        if (digestUri.equals(requestTarget)) {
            return true;
        }
        try {
            URI uri = URI.create(digestUri);
            if (uri.isAbsolute()) {
                return requestTarget(uri).equals(requestTarget);
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static byte[] realmHmacKey(KeycloakSession session, RealmModel realm) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        if (key == null || key.getSecretKey() == null) {
            throw new IllegalStateException("realm " + realm.getName() + " has no active HS512 key for Digest nonces");
        }
        return key.getSecretKey().getEncoded();
    }

    /** The result of {@link #check}. */
    public sealed interface Checked {
        /** No Authorization header, or another scheme: let other mechanisms try. */
        record NotDigest() implements Checked {
        }

        /** Syntax error: 400. */
        record Malformed(String reason) implements Checked {
        }

        /** Genuine but expired nonce: 401 with stale=true. */
        record Stale() implements Checked {
        }

        /** Wrong realm, algorithm, uri, opaque or nonce: 401 with a fresh challenge; {@code check} for the event. */
        record Rejected(String reason, FailedCheck check) implements Checked {
        }

        record Valid(DigestAuthorization authorization) implements Checked {
        }
    }
}
