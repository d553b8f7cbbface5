package io.authbridge.it.harness;

import java.net.http.HttpResponse;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.authbridge.digest.core.DigestAlgorithm;
import io.authbridge.digest.core.DigestAuthorizationParser;
import io.authbridge.digest.core.DigestCalculator;

/**
 * Digest {@code Authorization} headers made one field at a time, for the tests that must change exactly one thing
 * (a tampered uri, a disabled algorithm) or many at random (malformed-input runs). The response is computed with
 * the project's RFC 7616 calculator; the positive paths of the tests use curl's own Digest client instead.
 */
public final class DigestHeaders {

    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    private static final String[] FRAGMENTS = {"\"", "\\", ",", "=", " ", "\t", "nc=zz", "qop=auth,qop=auth",
            "username*=UTF-8''%ZZ", "algorithm=FOO", "nonce=\"\"", "realm=\"x\"", "response=\"\"", "é", "%00", ",,,,", "uri=",
            "x".repeat(5000)};

    private DigestHeaders() {
    }

    /** The nonce of a 401's first {@code WWW-Authenticate: Digest …} value. */
    public static String nonceOf(HttpResponse<?> challenge) {
        String first = challenge.headers().firstValue("WWW-Authenticate")
                .orElseThrow(() -> new AssertionError("no WWW-Authenticate in HTTP " + challenge.statusCode()));
        Matcher nonce = NONCE.matcher(first);
        if (!nonce.find()) {
            throw new AssertionError("no nonce in " + first);
        }
        return nonce.group(1);
    }

    /** A valid header (qop=auth, nc=1, a fresh cnonce) for digest realm "AminoTV". */
    public static String authorization(String user, String password, DigestAlgorithm algorithm, String nonce, String uri,
                                       String method) {
        String placeholder = "0".repeat(algorithm.hexLength());
        String draft = "Digest username=\"" + user + "\", realm=\"AminoTV\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm.token() + ", qop=auth, nc=00000001, cnonce=\"0a4f113b" + System.nanoTime()
                + "\", response=\"" + placeholder + "\"";
        String ha1 = DigestCalculator.ha1(algorithm, user, "AminoTV", password);
        try {
            String response = DigestCalculator.expectedResponse(DigestAuthorizationParser.parse(draft), ha1, method, new byte[0]);
            return draft.replace("response=\"" + placeholder + "\"", "response=\"" + response + "\"");
        } catch (io.authbridge.digest.core.DigestParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One to four random edits of {@code valid}: cuts, inserted fragments, deletions, replaced characters. */
    public static String mutate(String valid, Random random) {
        StringBuilder header = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && header.length() > 0; e++) {
            int at = random.nextInt(header.length());
            switch (random.nextInt(4)) {
                case 0 -> header.setLength(at);
                case 1 -> header.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> header.deleteCharAt(at);
                default -> header.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return header.length() == 0 ? "Digest" : header.toString();
    }
}
