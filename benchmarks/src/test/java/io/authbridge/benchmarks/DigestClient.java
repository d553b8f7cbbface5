package io.authbridge.benchmarks;

import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.digest.core.DigestAuthorization;
import io.authbridge.digest.core.DigestCalculator;
import io.authbridge.digest.core.DigestQop;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of HTTP Digest (RFC 7616) as the benchmark's virtual users speak it: read the server's challenge
 * once, then answer it for each request with the next nonce count and a fresh cnonce, like curl or Apache HttpClient
 * reusing a nonce. The hashes come from AuthBridge's own {@link DigestCalculator} (pure Java, no Keycloak), the
 * request side of the same formulas the server checks with.
 */
final class DigestClient {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String AUTHORIZATION = "Authorization";
    static final String METHOD = "POST";

    /** auth-param = token "=" ( token / quoted-string ) (RFC 7235 §2.1). */
    private static final Pattern AUTH_PARAM =
            Pattern.compile("([A-Za-z0-9!#$%&'*+.^_`|~-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]*))");
    private static final HexFormat HEX = HexFormat.of();

    /** Digest username and password: a user's, or a client's client_id and secret. */
    record Credentials(String username, String password) {
    }

    /** What a client keeps from one {@code WWW-Authenticate: Digest …} header. */
    record Challenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm, boolean stale) {
    }

    private DigestClient() {
    }

    /**
     * Reads one Digest challenge: realm, nonce, opaque, algorithm (MD5 when absent, RFC 7616 §3.3) and stale.
     *
     * @throws IllegalArgumentException when it is not a Digest challenge this client can answer (qop=auth required)
     */
    static Challenge parseChallenge(String headerValue) {
        if (headerValue == null || !headerValue.regionMatches(true, 0, "Digest ", 0, 7)) {
            throw new IllegalArgumentException("not a Digest challenge: " + headerValue);
        }
        Map<String, String> parameters = new HashMap<>();
        Matcher matcher = AUTH_PARAM.matcher(headerValue.substring(7));
        while (matcher.find()) {
            String value = matcher.group(2) != null ? matcher.group(2).replaceAll("\\\\(.)", "$1") : matcher.group(3);
            parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), value);
        }
        String realm = parameters.get("realm");
        String nonce = parameters.get("nonce");
        if (realm == null || nonce == null) {
            throw new IllegalArgumentException("Digest challenge without realm or nonce: " + headerValue);
        }
        boolean auth = false;
        for (String qop : parameters.getOrDefault("qop", "").split(",")) {
            auth |= qop.strip().equalsIgnoreCase(DigestQop.AUTH.token());
        }
        if (!auth) {
            throw new IllegalArgumentException("Digest challenge does not offer qop=auth: " + headerValue);
        }
        String algorithmToken = parameters.getOrDefault("algorithm", DigestAlgorithm.MD5.token());
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(algorithmToken)
                .orElseThrow(() -> new IllegalArgumentException("unknown Digest algorithm " + algorithmToken));
        return new Challenge(realm, nonce, parameters.get("opaque"), algorithm,
                "true".equalsIgnoreCase(parameters.get("stale")));
    }

    /**
     * The {@code Authorization} value for one request: qop=auth, the given nonce count, a fresh random cnonce.
     *
     * @param uri        the request target, as the server sees it (path and query)
     * @param nonceCount 1 for the first request with this nonce, then 2, 3, …; the server takes each once
     */
    static String authorization(Challenge challenge, Credentials credentials, String uri, long nonceCount) {
        String username = credentials.username();
        String nc = String.format(Locale.ROOT, "%08x", nonceCount);
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String cnonce = HEX.formatHex(random);
        DigestAlgorithm algorithm = challenge.algorithm();
        // The response is not known yet: the record only carries the values expectedResponse hashes.
        DigestAuthorization request = new DigestAuthorization(username, false, challenge.realm(), challenge.nonce(), uri,
                "", algorithm, DigestQop.AUTH, cnonce, nc, challenge.opaque());
        String ha1 = DigestCalculator.ha1(algorithm.base(), username, challenge.realm(), credentials.password());
        String response = DigestCalculator.expectedResponse(request, ha1, METHOD, null);
        return "Digest username=" + quote(username)
                + ", realm=" + quote(challenge.realm())
                + ", nonce=" + quote(challenge.nonce())
                + ", uri=" + quote(uri)
                + ", algorithm=" + algorithm.token()
                + ", qop=" + DigestQop.AUTH.token()
                + ", nc=" + nc
                + ", cnonce=" + quote(cnonce)
                + ", response=" + quote(response)
                + (challenge.opaque() == null ? "" : ", opaque=" + quote(challenge.opaque()));
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
