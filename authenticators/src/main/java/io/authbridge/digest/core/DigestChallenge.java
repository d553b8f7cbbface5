package io.authbridge.digest.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a server offers in its {@code WWW-Authenticate: Digest} challenges (RFC 7616 §3.3): one challenge per
 * algorithm, because a challenge names a single algorithm.
 *
 * @param realm      the protection space shown to users and hashed into HA1; printable ASCII
 * @param algorithms at least one; offered strongest first whatever the set's order
 * @param qops       at least one; RFC 7616 §3.3 makes qop mandatory in challenges (RFC 2069 clients ignore it)
 * <p>
 * {@code userhash=false} always: Keycloak cannot look a user up by a hashed name, so a header that uses it is refused.
 */
public record DigestChallenge(String realm, Set<DigestAlgorithm> algorithms, Set<DigestQop> qops) {

    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        if (algorithms == null || algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm is required");
        }
        if (qops == null || qops.isEmpty()) {
            throw new IllegalArgumentException("at least one qop is required");
        }
        HttpSyntax.quote(realm); // refuses a realm that cannot go into a header now, not at the first 401
        algorithms = Set.copyOf(algorithms);
        qops = Set.copyOf(qops);
    }

    /**
     * One {@code WWW-Authenticate} value per algorithm, strongest first (RFC 7616 §3.7: a client takes the first
     * it supports), e.g. {@code Digest realm="api", qop="auth, auth-int", algorithm=SHA-256, nonce="…", opaque="…",
     * charset=UTF-8, userhash=false}.
     *
     * @param nonce  from {@link DigestNonceCodec#issue(String)}
     * @param opaque from {@link DigestNonceCodec#opaque(String)}
     * @param stale  true when the client's nonce was genuine but expired (RFC 7616 §3.3): it retries without asking
     *               the user again
     * @throws IllegalArgumentException when the nonce or opaque holds other than printable ASCII
     */
    public List<String> headerValues(String nonce, String opaque, boolean stale) {
        String qop = qops.stream().sorted().map(DigestQop::token).collect(Collectors.joining(", "));
        String common = ", nonce=" + HttpSyntax.quote(nonce)
                + ", opaque=" + HttpSyntax.quote(opaque)
                // The only charset RFC 7616 §4 allows a server to announce; we hash every string as UTF-8.
                + ", charset=UTF-8"
                + ", userhash=false"
                + (stale ? ", stale=true" : "");
        return algorithms.stream()
                .sorted()
                .map(algorithm -> "Digest realm=" + HttpSyntax.quote(realm)
                        + ", qop=" + HttpSyntax.quote(qop)
                        + ", algorithm=" + algorithm.token()
                        + common)
                .toList();
    }
}
