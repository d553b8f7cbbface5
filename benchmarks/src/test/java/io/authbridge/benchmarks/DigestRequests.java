package io.authbridge.benchmarks;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Token requests authenticated with HTTP Digest, sent the way a real Digest client sends them.
 *
 * <p>Each virtual user obtains a nonce once: the form without {@code Authorization} → 401 with
 * {@code WWW-Authenticate: Digest … nonce="…"} (the first such header is taken). That request is named
 * {@code "challenge: " + requestName}, so the report, which reads only requests named exactly after a scenario,
 * leaves it out like a warm-up request. Every iteration then sends one request with the next nonce count and a
 * fresh cnonce: the one that is measured. The server accepts each (nonce, nc) once, and a nonce per virtual user
 * keeps the counts of concurrent users apart.
 *
 * <p>When the nonce has expired (its lifetime is 300 s, longer than any phase with the default settings) the
 * server answers 401 with {@code stale=true}: the user takes the fresh nonce from that answer and repeats the
 * request. The stale 401 carries the measured request's name too (Gatling names a request before it is answered),
 * at most once per user and nonce lifetime. Any other 401 fails the request.
 */
final class DigestRequests {

    private static final String CHALLENGE_HEADER = "digestChallengeHeader";
    private static final String CHALLENGE = "digestChallenge";
    private static final String NONCE_COUNT = "digestNonceCount";
    private static final String AUTHORIZATION_VALUE = "digestAuthorization";
    private static final String STATUS = "digestStatus";

    /** The {@code uri} of each Digest response: the token endpoint's path as the server sees it. */
    private static final String REQUEST_TARGET =
            BenchSettings.fromSystemProperties().baseUrl().getRawPath() + BenchRealm.TOKEN_PATH;

    private DigestRequests() {
    }

    /**
     * One iteration: the challenge if this virtual user has no nonce yet, then the authenticated token request
     * (repeated once with the fresh nonce after a stale one).
     *
     * @param form the token request's form, without credentials
     */
    static ChainBuilder tokenRequest(String requestName, DigestClient.Credentials credentials, Map<String, String> form) {
        return doIf(session -> !session.contains(CHALLENGE)).then(
                        exec(form(http("challenge: " + requestName).post(BenchRealm.TOKEN_PATH), form)
                                .check(status().is(401),
                                        header(DigestClient.WWW_AUTHENTICATE).saveAs(CHALLENGE_HEADER)))
                                .exec(DigestRequests::takeChallenge))
                .exec(session -> nextAuthorization(session, credentials))
                .exec(authenticated(requestName, form)
                        .check(status().in(200, 401).saveAs(STATUS))
                        .checkIf((response, session) -> response.status().code() == 200)
                        .then(jsonPath("$.access_token").exists())
                        .checkIf((response, session) -> response.status().code() == 401)
                        .then(header(DigestClient.WWW_AUTHENTICATE).saveAs(CHALLENGE_HEADER),
                                header(DigestClient.WWW_AUTHENTICATE)
                                        .transform(value -> DigestClient.parseChallenge(value).stale())
                                        .is(true)))
                .doIf(session -> session.getInt(STATUS) == 401).then(
                        exec(DigestRequests::takeChallenge)
                                .exec(session -> nextAuthorization(session, credentials))
                                .exec(authenticated(requestName, form)
                                        .check(status().is(200), jsonPath("$.access_token").exists())));
    }

    private static HttpRequestActionBuilder authenticated(String requestName, Map<String, String> form) {
        return form(http(requestName).post(BenchRealm.TOKEN_PATH), form)
                .header(DigestClient.AUTHORIZATION, session -> session.getString(AUTHORIZATION_VALUE));
    }

    private static HttpRequestActionBuilder form(HttpRequestActionBuilder request, Map<String, String> form) {
        HttpRequestActionBuilder withForm = request;
        for (Map.Entry<String, String> field : form.entrySet()) {
            withForm = withForm.formParam(field.getKey(), field.getValue());
        }
        return withForm;
    }

    /** A new nonce: its count starts again at 1. */
    private static Session takeChallenge(Session session) {
        return session.set(CHALLENGE, DigestClient.parseChallenge(session.getString(CHALLENGE_HEADER)))
                .set(NONCE_COUNT, 0L);
    }

    private static Session nextAuthorization(Session session, DigestClient.Credentials credentials) {
        long nonceCount = session.getLong(NONCE_COUNT) + 1;
        DigestClient.Challenge challenge = session.get(CHALLENGE);
        return session.set(NONCE_COUNT, nonceCount)
                .set(AUTHORIZATION_VALUE, DigestClient.authorization(challenge, credentials, REQUEST_TARGET, nonceCount));
    }
}
